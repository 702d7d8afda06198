// `arachne robots (--file PATH | --url URL) [--agent NAME] URL...`: what a robots.txt says about URLs,
// without crawling. Prints "allowed<TAB>url" or "disallowed<TAB>url" for each URL, in order, and the
// agent's Crawl-delay on stderr if it has one.
#pragma once

#include <string>
#include <vector>

namespace arachne {

struct RobotsCheck {
  std::string file;   // a robots.txt on disk, or
  std::string url;    // one to fetch (redirects followed up to 5 hops, the first 500 KiB read)
  std::string agent;  // the crawler's name (a User-Agent's product token is taken from it)
  std::vector<std::string> urls;
};

// The process exit status: 0 when every URL was judged; 1 when the robots.txt could not be read at
// all (a missing file); 2 for a usage error.
int RunRobotsCommand(const RobotsCheck& check);

}  // namespace arachne
