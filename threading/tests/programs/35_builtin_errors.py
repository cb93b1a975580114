# Checks: the messages of errors the runtime raises itself: ZeroDivisionError (int /, //, %, float
# /, //, %, 0.0 ** -1), IndexError, KeyError (str(e) is the key's repr), TypeError, NameError.
def show(code):
    try:
        if code == 0:
            return 1 / 0
        if code == 1:
            return 1 // 0
        if code == 2:
            return 1 % 0
        if code == 3:
            return 1.0 / 0
        if code == 4:
            return 1.0 // 0.0
        if code == 5:
            return 1.0 % 0
        if code == 6:
            return 0.0 ** -1
        if code == 7:
            return [1, 2][5]
        if code == 8:
            return "ab"[-3]
        if code == 9:
            return (1,)[1]
        if code == 10:
            return [].pop()
        if code == 11:
            return {"a": 1}["x"]
        if code == 12:
            return {1: 2}[7]
        if code == 13:
            return 1 + "a"
        if code == 14:
            return "a" + 1
        if code == 15:
            return len(5)
        if code == 16:
            return undefined_name
        return "ok"
    except ZeroDivisionError as e:
        return "ZeroDivisionError: " + str(e)
    except IndexError as e:
        return "IndexError: " + str(e)
    except KeyError as e:
        return "KeyError: " + str(e)
    except TypeError as e:
        return "TypeError: " + str(e)
    except NameError as e:
        return "NameError: " + str(e)

for c in range(18):
    print(c, show(c))
