// ParseRobotsTxt: the robots.txt scanner (RFC 9309 section 2.2), which reports each line it understands
// to a RobotsHandler and decides nothing; RobotsTxt (robots_txt.h) is the handler that builds the rules.
// The split is google/robotstxt's: one tolerant scanner, any number of consumers.
//
// Tolerance follows Google's parser, the reference most sites are written against:
//   - lines end at LF, CR or CRLF; a UTF-8 byte order mark at the start is skipped;
//   - '#' starts a comment; whitespace around keys and values is dropped;
//   - "key: value", or "key value" without the colon when the line has exactly two words;
//   - keys are case-insensitive and recognized by prefix, with common typos ("useragent", "user agent",
//     "disalow", "dissallow", "site-map" ...);
//   - a line longer than kMaxLineBytes is cut there.
// Values are handed over as written: how a pattern is compared (percent_normalize.h) is the consumer's
// business, and a report of the file wants to show what it says.
#pragma once

#include <cstddef>
#include <string_view>

namespace arachne {

class RobotsHandler {
 public:
  virtual ~RobotsHandler() = default;
  virtual void HandleUserAgent(int line, std::string_view value) = 0;
  virtual void HandleAllow(int line, std::string_view pattern) = 0;
  virtual void HandleDisallow(int line, std::string_view pattern) = 0;
  virtual void HandleCrawlDelay(int line, std::string_view value) = 0;
  virtual void HandleSitemap(int line, std::string_view url) = 0;
  virtual void HandleUnknown(int line, std::string_view key, std::string_view value) = 0;
};

// Google's limit: 8 times the longest URL Internet Explorer took.
inline constexpr std::size_t kMaxLineBytes = 2083 * 8 - 1;

void ParseRobotsTxt(std::string_view body, RobotsHandler& handler);

}  // namespace arachne
