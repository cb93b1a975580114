# Checks: str literals with both quote styles and escapes \n \t \\ \' \".
print('single', "double")
print("tab:\tend")
print("line1\nline2")
print("back\\slash")
print('it\'s')
print("say \"hi\"")
print('mixed "double" inside single')
print("mixed 'single' inside double")
s = "a\tb\nc"
print(len(s))
print(len("\\"), len("\'"), len('\"'))
print("" == '', "abc" == 'abc')
print("x" + "\n" + "y")
