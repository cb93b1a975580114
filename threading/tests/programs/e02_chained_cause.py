# Checks: an uncaught `raise ... from ...`: CPython prints the cause's traceback, then "The
# above exception was the direct cause of the following exception:", then the new one;
# the user exception class prints under its bare name.
class SettingsError(Exception):
    pass

def read_port(settings):
    try:
        return settings["port"]
    except KeyError as missing:
        raise SettingsError("port is not configured") from missing

print(read_port({"port": 8080}))
read_port({})
