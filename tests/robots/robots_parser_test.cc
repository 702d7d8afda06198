#include "robots/robots_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace arachne {
namespace {

// Records every event as "line kind value".
class Recorder : public RobotsHandler {
 public:
  std::vector<std::string> events;
  void HandleUserAgent(int line, std::string_view v) override { Add(line, "agent", v); }
  void HandleAllow(int line, std::string_view v) override { Add(line, "allow", v); }
  void HandleDisallow(int line, std::string_view v) override { Add(line, "disallow", v); }
  void HandleCrawlDelay(int line, std::string_view v) override { Add(line, "delay", v); }
  void HandleSitemap(int line, std::string_view v) override { Add(line, "sitemap", v); }
  void HandleUnknown(int line, std::string_view k, std::string_view v) override {
    Add(line, "unknown " + std::string(k), v);
  }

 private:
  void Add(int line, const std::string& kind, std::string_view v) {
    events.push_back(std::to_string(line) + " " + kind + " " + std::string(v));
  }
};

std::vector<std::string> Scan(std::string_view body) {
  Recorder r;
  ParseRobotsTxt(body, r);
  return r.events;
}

TEST(RobotsParser, KeysValuesAndComments) {
  EXPECT_EQ(Scan("User-agent: Bot # me\n  Disallow :  /x  \nAllow:/y\n# only a comment\nCrawl-delay: 2\n"
                 "Sitemap: http://a/s.xml\nHost: a.example\n"),
            (std::vector<std::string>{"1 agent Bot", "2 disallow /x", "3 allow /y", "5 delay 2",
                                      "6 sitemap http://a/s.xml", "7 unknown Host a.example"}));
}

TEST(RobotsParser, GoogleTolerance) {
  EXPECT_EQ(Scan("user agent: bot\nuseragent: b2\ndisalow: /a\ndissallow /b\nsite-map: http://s\n"
                 "disallow /c /d\nnocolon\n"),
            (std::vector<std::string>{"1 agent bot", "2 agent b2", "3 disallow /a", "4 disallow /b",
                                      "5 sitemap http://s"}));
}

TEST(RobotsParser, PatternsArePassedAsWritten) {
  // Normalizing the encoding is RobotsTxt's business (percent_normalize.h), not the scanner's.
  EXPECT_EQ(Scan("Disallow: /caf\xC3\xA9/%e2%82%ac%\n"),
            (std::vector<std::string>{"1 disallow /caf\xC3\xA9/%e2%82%ac%"}));
}

TEST(RobotsParser, AByteOrderMarkOrThePartOfOneIsSkipped) {
  EXPECT_EQ(Scan("\xEF\xBB\xBFUser-agent: a\n"), (std::vector<std::string>{"1 agent a"}));
  EXPECT_EQ(Scan("\xEF\xBBUser-agent: a\n"), (std::vector<std::string>{"1 agent a"}));
  EXPECT_EQ(Scan("\xEFUser-agent: a\n"), (std::vector<std::string>{"1 agent a"}));
  // Only at the start of the body.
  EXPECT_EQ(Scan("User-agent: a\n\xEF\xBB\xBF"
                 "Disallow: /\n"),
            (std::vector<std::string>{"1 agent a",
                                      "2 unknown \xEF\xBB\xBF"
                                      "Disallow /"}));
}

TEST(RobotsParser, ALongLineIsCutAtTheCap) {
  const std::string value = "/" + std::string(kMaxLineBytes * 3, 'x');
  std::vector<std::string> events = Scan("Disallow: " + value + "\nAllow: /next\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0], "1 disallow " + value.substr(0, kMaxLineBytes - std::string("Disallow: ").size()));
  EXPECT_EQ(events[1], "2 allow /next");
}

TEST(RobotsParser, CommentsAndBlankLinesAreSilent) {
  EXPECT_EQ(Scan("# User-agent: a\n\n   \n\t# x\n:\n: value\n"), (std::vector<std::string>{}));
}

TEST(RobotsParser, LineNumbersCountEveryKindOfLineEnd) {
  EXPECT_EQ(Scan("a: 1\r\nb: 2\rc: 3\nd: 4"),
            (std::vector<std::string>{"1 unknown a 1", "2 unknown b 2", "3 unknown c 3", "4 unknown d 4"}));
}

TEST(RobotsParser, NulBytesAndGarbageAreJustUnknownLines) {
  std::string body("Disallow: /a\0b\n\xFF\xFE: \x01\n", 22);
  std::vector<std::string> events = Scan(body);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0], std::string("1 disallow /a\0b", 15));
}

}  // namespace
}  // namespace arachne
