# Checks: getLogger names and hierarchy: getLogger(__name__) is "__main__", child loggers
# ("app.db") propagate to the root handler, setLevel on a parent filters its children,
# getEffectiveLevel, the same name gives the same object, and propagate = False silences.
import logging

logging.basicConfig(level=logging.DEBUG, format="%(name)s|%(levelname)s|%(message)s")
main_log = logging.getLogger(__name__)
app = logging.getLogger("app")
db = logging.getLogger("app.db")
print(main_log.name, db.name, db.parent is app, app.parent is logging.getLogger())
print(logging.getLogger("app.db") is db)
main_log.info("from main")
db.debug("query 1")
app.setLevel(logging.WARNING)
db.info("dropped: app is WARNING")
db.warning("kept: warning passes")
print(db.level, db.getEffectiveLevel(), app.getEffectiveLevel())
db.setLevel(logging.DEBUG)
db.debug("db's own level wins")
quiet = logging.getLogger("quiet")
quiet.propagate = False
quiet.error("no handler anywhere: goes to lastResort")
print(db.isEnabledFor(logging.DEBUG), app.isEnabledFor(logging.INFO))
