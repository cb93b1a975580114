# Checks: a tutorial "web crawler" over an in-memory link graph: worker threads take URLs from
# a Queue, record them in a shared visited set under a Lock, and enqueue unseen links;
# Queue.join() ends the crawl; the visited set and the depth of each page are exact.
import queue
import threading

LINKS = {
    "/": ["/about", "/blog", "/shop"],
    "/about": ["/", "/team"],
    "/blog": ["/blog/1", "/blog/2", "/about"],
    "/blog/1": ["/blog/2"],
    "/blog/2": ["/blog/1", "/shop/cart"],
    "/shop": ["/shop/cart", "/shop/item/7"],
    "/shop/cart": ["/shop"],
    "/shop/item/7": ["/shop/item/8"],
    "/shop/item/8": [],
    "/team": [],
}

class Crawler:
    def __init__(self, workers):
        self.frontier = queue.Queue()
        self.depth = {}
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.work, daemon=True) for _ in range(workers)]

    def offer(self, url, depth):
        with self.lock:
            known = self.depth.get(url)
            if known is not None and known <= depth:
                return
            self.depth[url] = depth
        self.frontier.put((url, depth))

    def work(self):
        while True:
            url, depth = self.frontier.get()
            for link in LINKS.get(url, []):
                self.offer(link, depth + 1)
            self.frontier.task_done()

    def crawl(self, start):
        for t in self.threads:
            t.start()
        self.offer(start, 0)
        self.frontier.join()
        return self.depth

depths = Crawler(3).crawl("/")
for url in sorted(depths):
    print(f"{depths[url]} {url}")
print(len(depths) == len(LINKS))
