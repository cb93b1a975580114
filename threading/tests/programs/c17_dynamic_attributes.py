# Checks: getattr (with and without default), setattr, hasattr, delattr on instances and
# classes; vars()/__dict__ show instance attributes in insertion order; attribute names
# built at run time.
class Config:
    debug = False

    def __init__(self):
        self.name = "app"

cfg = Config()
for key, value in [("port", 8080), ("host", "localhost")]:
    setattr(cfg, key, value)
print(vars(cfg))
print(cfg.__dict__ is vars(cfg))
print(getattr(cfg, "port"), getattr(cfg, "missing", "default"), getattr(cfg, "debug"))
print(hasattr(cfg, "host"), hasattr(cfg, "nope"), hasattr(Config, "debug"))
delattr(cfg, "host")
print(vars(cfg), hasattr(cfg, "host"))
setattr(Config, "version", 2)
print(cfg.version, Config.version)
cfg.__dict__["extra"] = True
print(cfg.extra, sorted(k for k in vars(cfg)))
try:
    getattr(cfg, "nothing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(cfg, "nothing")
except AttributeError as e:
    print("AttributeError:", e)
method = getattr("a-b-c", "split")
print(method("-"))
