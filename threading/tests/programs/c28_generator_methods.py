# Checks: generator functions as methods: __iter__ written with yield (so each for loop gets a
# fresh generator), a generator method with arguments, a classmethod generator, and
# properties returning generator expressions.
class Playlist:
    def __init__(self, *songs):
        self.songs = list(songs)

    def __iter__(self):
        for i, song in enumerate(self.songs, 1):
            yield f"{i}. {song}"

    def shuffled(self, step):
        n = len(self.songs)
        i = 0
        for _ in range(n):
            yield self.songs[i]
            i = (i + step) % n

    @classmethod
    def demo_songs(cls, count):
        for k in range(count):
            yield cls(f"song{k}a", f"song{k}b")

    @property
    def lengths(self):
        return (len(s) for s in self.songs)

p = Playlist("intro", "verse", "chorus", "outro")
print(list(p))
print(list(p))
print(list(p.shuffled(3)), list(p.shuffled(2)))
print([list(x) for x in Playlist.demo_songs(2)])
print(sum(p.lengths), max(p.lengths), type(p.lengths).__name__)
for line in p:
    if "chorus" in line:
        print("found", line)
        break
