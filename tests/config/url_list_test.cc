#include "config/url_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace arachne {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(UrlList, SkipsBlankLinesAndComments) {
  ErrorList errors;
  std::vector<std::string> urls = ParseUrlList(
      "\xEF\xBB\xBF# seeds\n\n  http://127.0.0.1:8080/a  \r\n\t# indented comment\n"
      "https://127.0.0.1:8443/b # trailing comment\nhttp://127.0.0.1:8080/c#fragment",
      "list.txt", errors);
  EXPECT_TRUE(errors.empty()) << errors.ToStatus().ToString();
  EXPECT_THAT(urls, ElementsAre("http://127.0.0.1:8080/a", "https://127.0.0.1:8443/b",
                                "http://127.0.0.1:8080/c#fragment"));
}

TEST(UrlList, BadLinesAreReportedWithFileAndLine) {
  ErrorList errors;
  std::vector<std::string> urls = ParseUrlList(
      "http://127.0.0.1:8080/ok\nnot-a-url\nftp://127.0.0.1/\nhttp://127.0.0.1/a http://127.0.0.1/b\n",
      "l.txt", errors);
  EXPECT_THAT(urls, ElementsAre("http://127.0.0.1:8080/ok"));
  Status status = errors.ToStatus();
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("l.txt:2: invalid URL 'not-a-url'"));
  EXPECT_THAT(status.message(), HasSubstr("l.txt:3: 'ftp://127.0.0.1/' is not an http or https URL"));
  EXPECT_THAT(status.message(),
              HasSubstr("l.txt:4: expected one URL a line, got \"http://127.0.0.1/a http://127.0.0.1/b\""));
}

TEST(UrlList, EmptyTextHasNoUrls) {
  ErrorList errors;
  EXPECT_TRUE(ParseUrlList("", "e.txt", errors).empty());
  EXPECT_TRUE(ParseUrlList("# nothing\n\n", "e.txt", errors).empty());
  EXPECT_TRUE(errors.empty());
}

TEST(ErrorList, OrdersByLineThenByArrival) {
  ErrorList errors;
  EXPECT_TRUE(errors.ToStatus().ok());
  errors.Add("c", 3);
  errors.Add("a1", 1);
  errors.Add("file", 0);
  errors.Add("a2", 1);
  EXPECT_EQ(errors.ToStatus().message(), "file\na1\na2\nc");
  EXPECT_EQ(errors.ToStatus().code(), Status::Code::kInvalidArgument);
}

TEST(ErrorList, Where) {
  EXPECT_EQ(Where("x.toml", 7, "scope", "max_depth"), "x.toml:7: [scope] max_depth: ");
  EXPECT_EQ(Where("x.toml", 3, "", "seeds", 2), "x.toml:3: seeds[2]: ");
  EXPECT_EQ(Where("x.toml", 0, "", "seeds"), "x.toml: seeds: ");
  EXPECT_EQ(Where("x.toml", 9, "zzz", ""), "x.toml:9: [zzz]: ");
  EXPECT_EQ(Where("", 0, "output", "formats", 1), "[output] formats[1]: ");
}

}  // namespace
}  // namespace arachne
