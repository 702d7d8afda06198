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
  std::string agent;  // a User-Agent or its product token; empty: FetchConfig's user_agent
  std::vector<std::string> urls;
};

// The process exit status: 0 when every URL was judged, whatever the verdicts (a robots.txt that could not
// be fetched is judged as RFC 9309 section 2.3.1 says); 2 for a usage error: no or both of --file and
// --url, a file that cannot be read, a --url that is not an http(s) URL, an agent with no product token.
int RunRobotsCommand(const RobotsCheck& check);

}  // namespace arachne
