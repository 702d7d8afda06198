#!/usr/bin/python3
"""A generated site of wide fan-out for bench/memory.sh: few pages, each linking to very many distinct URLs.

usage: fanout_site.py PORT PAGES LINKS

Serves on 127.0.0.1:PORT (PORT 0: a free port, printed as "listening on PORT" on the first line of stdout):

  /               links to /f/0.html .. /f/{PAGES-1}.html
  /f/I.html       for 0 <= I < PAGES: LINKS distinct links <a href="/u/I/J"> for 0 <= J < LINKS
  anything else   404 with an empty body, /robots.txt too (a 4xx robots.txt allows everything)

With max_pages = PAGES + 1 a crawler fetches the index and the /f/ pages and then stops, having discovered
1 + PAGES + PAGES * LINKS URLs, of which the PAGES * LINKS /u/ URLs are queued but never fetched: the size
of its frontier and seen set is set by the site. A link costs about 25 bytes of HTML, so LINKS = 50,000
makes pages of about 1.3 MB. Pages are built on the fly, each with one join (a few milliseconds), and
nothing is kept between requests: the server's own memory stays small whatever the site's size.
HTTP/1.1 with keep-alive, one thread per connection; requests are not logged.
"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def make_handler(pages, links):
    # A page is HEAD + SEP + SEP.join(TAILS) + FOOT, where SEP = '<a href="/u/I/' carries the page's number
    # and TAILS[J] = 'J">J</a>\n' is the same on every page: one join per request.
    tails = [f'{j}">{j}</a>\n' for j in range(links)]
    index = ("<!DOCTYPE html>\n<html><head><title>fanout</title></head><body>\n"
             + "".join(f'<a href="/f/{i}.html">{i}</a>\n' for i in range(pages))
             + "</body></html>\n").encode()

    def page(i):
        sep = f'<a href="/u/{i}/'
        head = f"<!DOCTYPE html>\n<html><head><title>fanout {i}</title></head><body>\n"
        if not links:
            return (head + "</body></html>\n").encode()
        return (head + sep + sep.join(tails) + "</body></html>\n").encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the crawler reuses its connections
        server_version = "fanout"
        sys_version = ""

        def body(self):
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                return index
            if path.startswith("/f/") and path.endswith(".html"):
                number = path[3:-5]
                if number.isdigit() and (number == "0" or not number.startswith("0")) and int(number) < pages:
                    return page(int(number))
            return None

        def answer(self, with_body):
            body = self.body()
            if body is None:
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self):
            self.answer(True)

        def do_HEAD(self):
            self.answer(False)

        def log_message(self, format, *args):
            pass

    return Handler


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    port, pages, links = (int(a) for a in sys.argv[1:])
    if port < 0 or pages < 0 or links < 0:
        sys.exit("fanout_site.py: PORT, PAGES and LINKS must not be negative")
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(pages, links))
    server.daemon_threads = True
    print(f"listening on {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
