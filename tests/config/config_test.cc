#include "arachne/config.h"
#include "config/config_errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace arachne {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kSource[] = "seeds/x.toml";

using test::Errors;

Result<Config> Load(const std::string& text) {
  return Config::FromToml(text, kSource);
}

TEST(ConfigDefaults, MatchTheHeader) {
  Result<Config> config = Load(R"(seeds = ["http://127.0.0.1:8080/"])");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const Config defaults;
  EXPECT_EQ(config->name, "crawl");
  EXPECT_THAT(config->seeds, ElementsAre("http://127.0.0.1:8080/"));
  EXPECT_TRUE(config->scope.allowed_domains.empty());
  EXPECT_TRUE(config->scope.allow.empty());
  EXPECT_TRUE(config->scope.deny.empty());
  EXPECT_EQ(config->scope.max_depth, -1);
  EXPECT_EQ(config->scope.max_pages, 0u);
  EXPECT_EQ(config->fetch.user_agent, defaults.fetch.user_agent);
  EXPECT_EQ(config->fetch.timeout_s, 30);
  EXPECT_EQ(config->fetch.connect_timeout_s, 10);
  EXPECT_EQ(config->fetch.max_body_bytes, 10u * 1024 * 1024);
  EXPECT_EQ(config->fetch.concurrency, 64);
  EXPECT_EQ(config->politeness.max_per_host, 4);
  EXPECT_EQ(config->politeness.delay_ms, 0);
  EXPECT_FALSE(config->politeness.per_ip);
  EXPECT_TRUE(config->politeness.adaptive);
  EXPECT_EQ(config->politeness.target_concurrency, 2);
  EXPECT_EQ(config->politeness.max_delay_s, 60);
  EXPECT_EQ(config->retry.max_retries, 2);
  EXPECT_EQ(config->retry.backoff_s, 1);
  EXPECT_TRUE(config->robots.obey);
  EXPECT_EQ(config->robots.cache_s, 86400);
  EXPECT_EQ(config->robots.max_crawl_delay_s, 30);
  EXPECT_TRUE(config->robots.follow_sitemaps);
  EXPECT_TRUE(config->robots.obey_meta);
  EXPECT_FALSE(config->robots.follow_nofollow);
  EXPECT_EQ(config->fetch.max_redirects, 10);
  EXPECT_FALSE(config->fetch.download_other);
  EXPECT_FALSE(config->fetch.allow_private);
  EXPECT_EQ(config->scope.max_pages_per_host, 0u);
  EXPECT_EQ(config->scope.max_url_length, 2083);
  EXPECT_EQ(config->scope.max_path_depth, 32);
  EXPECT_EQ(config->scope.max_repeated_segments, 3);
  EXPECT_EQ(config->scope.max_query_params, 32);
  EXPECT_THAT(config->urls.drop_query_params, ElementsAre("^utm_", testing::HasSubstr("jsessionid")));
  EXPECT_FALSE(config->urls.sort_query_params);
  EXPECT_TRUE(config->sitemaps.empty());
  EXPECT_EQ(config->workers.fetchers, 0);
  EXPECT_EQ(config->workers.parsers, 0);
  EXPECT_EQ(config->workers.parse_timeout_s, 60);
  EXPECT_TRUE(config->workers.sandbox);
  EXPECT_EQ(config->workers.html_parser, "scanner");
  EXPECT_TRUE(config->fetch.ca_file.empty());
  EXPECT_EQ(config->output.dir, "output");
  EXPECT_THAT(config->output.formats, ElementsAre("jsonl", "csv"));
  EXPECT_TRUE(config->worker_executable.empty());
  EXPECT_TRUE(config->Validate().ok());
}

TEST(ConfigToml, EveryKeyIsRead) {
  Result<Config> config = Load(R"(
name = "shop"
seeds = ["http://127.0.0.1:8080/a", "https://127.0.0.1:8443/b"]
[scope]
allowed_domains = ["127.0.0.1", "example.com"]
allow = ["/docs/"]
deny = ['\.pdf$', "logout"]
max_depth = 3
max_pages = 1000
[fetch]
user_agent = "TestBot/1.0"
timeout_s = 2.5
connect_timeout_s = 1
max_body_bytes = 4096
concurrency = 16
[politeness]
max_per_host = 2
delay_ms = 250
[workers]
fetchers = 3
parsers = 2
html_parser = "gumbo"
[output]
dir = "/tmp/out"
formats = ["json"]
)");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->name, "shop");
  EXPECT_THAT(config->seeds, ElementsAre("http://127.0.0.1:8080/a", "https://127.0.0.1:8443/b"));
  EXPECT_THAT(config->scope.allowed_domains, ElementsAre("127.0.0.1", "example.com"));
  EXPECT_THAT(config->scope.allow, ElementsAre("/docs/"));
  EXPECT_THAT(config->scope.deny, ElementsAre("\\.pdf$", "logout"));
  EXPECT_EQ(config->scope.max_depth, 3);
  EXPECT_EQ(config->scope.max_pages, 1000u);
  EXPECT_EQ(config->fetch.user_agent, "TestBot/1.0");
  EXPECT_DOUBLE_EQ(config->fetch.timeout_s, 2.5);
  EXPECT_DOUBLE_EQ(config->fetch.connect_timeout_s, 1.0);
  EXPECT_EQ(config->fetch.max_body_bytes, 4096u);
  EXPECT_EQ(config->fetch.concurrency, 16);
  EXPECT_EQ(config->politeness.max_per_host, 2);
  EXPECT_EQ(config->politeness.delay_ms, 250);
  EXPECT_EQ(config->workers.fetchers, 3);
  EXPECT_EQ(config->workers.parsers, 2);
  EXPECT_EQ(config->workers.html_parser, "gumbo");
  EXPECT_EQ(config->output.dir, "/tmp/out");
  EXPECT_THAT(config->output.formats, ElementsAre("json"));
  EXPECT_TRUE(config->Validate().ok());
}

TEST(ConfigToml, GoodCitizenKeysAreRead) {
  Result<Config> config = Load(R"(
seeds = ["http://127.0.0.1:8080/a"]
sitemaps = ["http://127.0.0.1:8080/sitemap.xml.gz"]
[scope]
max_pages_per_host = 50
max_url_length = 300
max_path_depth = 0
max_repeated_segments = 2
max_query_params = 5
[urls]
drop_query_params = ["^ref$"]
sort_query_params = true
[fetch]
max_redirects = 3
download_other = true
allow_private = true
[robots]
obey = false
cache_s = 60
max_crawl_delay_s = 2.5
follow_sitemaps = false
obey_meta = false
follow_nofollow = true
[politeness]
per_ip = true
adaptive = false
target_concurrency = 0.5
max_delay_s = 10
[retry]
max_retries = 0
backoff_s = 0.25
)");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_THAT(config->sitemaps, ElementsAre("http://127.0.0.1:8080/sitemap.xml.gz"));
  EXPECT_EQ(config->scope.max_pages_per_host, 50u);
  EXPECT_EQ(config->scope.max_url_length, 300);
  EXPECT_EQ(config->scope.max_path_depth, 0);
  EXPECT_EQ(config->scope.max_repeated_segments, 2);
  EXPECT_EQ(config->scope.max_query_params, 5);
  EXPECT_THAT(config->urls.drop_query_params, ElementsAre("^ref$"));
  EXPECT_TRUE(config->urls.sort_query_params);
  EXPECT_EQ(config->fetch.max_redirects, 3);
  EXPECT_TRUE(config->fetch.download_other);
  EXPECT_TRUE(config->fetch.allow_private);
  EXPECT_FALSE(config->robots.obey);
  EXPECT_EQ(config->robots.cache_s, 60);
  EXPECT_EQ(config->robots.max_crawl_delay_s, 2.5);
  EXPECT_FALSE(config->robots.follow_sitemaps);
  EXPECT_FALSE(config->robots.obey_meta);
  EXPECT_TRUE(config->robots.follow_nofollow);
  EXPECT_TRUE(config->politeness.per_ip);
  EXPECT_FALSE(config->politeness.adaptive);
  EXPECT_EQ(config->politeness.target_concurrency, 0.5);
  EXPECT_EQ(config->politeness.max_delay_s, 10);
  EXPECT_EQ(config->retry.max_retries, 0);
  EXPECT_EQ(config->retry.backoff_s, 0.25);
}

TEST(ConfigToml, FlagsNumbersAndPatternsAreChecked) {
  Result<Config> config = Load(R"(
seeds = ["http://127.0.0.1:8080/a"]
sitemaps = ["ftp://127.0.0.1/s.xml"]
[urls]
drop_query_params = ["(unclosed"]
sort_query_params = "yes"
[politeness]
target_concurrency = 0
[retry]
max_retries = -1
)");
  ASSERT_FALSE(config.ok());
  const std::string message = config.status().message();
  EXPECT_THAT(message, testing::HasSubstr("sitemaps"));
  EXPECT_THAT(message, testing::HasSubstr("drop_query_params"));
  EXPECT_THAT(message, testing::HasSubstr("[urls] sort_query_params: expected true or false, got string"));
  EXPECT_THAT(message, testing::HasSubstr("target_concurrency: expected a number greater than 0, got 0"));
  EXPECT_THAT(message, testing::HasSubstr("max_retries"));
}

TEST(ConfigValidate, RatiosMustBePositive) {
  Config config;
  config.seeds = {"http://127.0.0.1:8080/"};
  config.politeness.target_concurrency = -1;
  Status s = config.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), testing::HasSubstr("target_concurrency: expected a number greater than 0"));
}

TEST(ConfigToml, InlineTablesAndEmptyFormatsAreAccepted) {
  Result<Config> config = Load(R"(
seeds = ["http://127.0.0.1:8080/"]
scope = { max_depth = 0 }
output = { formats = [] }
)");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->scope.max_depth, 0);
  EXPECT_TRUE(config->output.formats.empty());
}

TEST(ConfigTomlErrors, WrongTypeNamesFileLineTableAndKey) {
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1/\"]\n[scope]\n\n\n\n\nmax_depth = \"three\"\n")),
              ElementsAre("seeds/x.toml:7: [scope] max_depth: expected an integer, got string \"three\""));
}

TEST(ConfigTomlErrors, UnknownHtmlParser) {
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1/\"]\n[workers]\nhtml_parser = \"lexbor\"\n")),
              ElementsAre("seeds/x.toml:3: [workers] html_parser: unknown HTML parser \"lexbor\" (expected "
                          "\"scanner\" or \"gumbo\")"));
}

TEST(ConfigTomlErrors, FloatWhereAnIntegerGoes) {
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1/\"]\n[fetch]\nconcurrency = 2.0\n")),
              ElementsAre("seeds/x.toml:3: [fetch] concurrency: expected an integer, got float 2.0"));
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1/\"]\n[workers]\nfetchers = 1.5\n")),
              ElementsAre("seeds/x.toml:3: [workers] fetchers: expected an integer, got float 1.5"));
}

TEST(ConfigTomlErrors, OtherWrongTypes) {
  EXPECT_THAT(Errors(Load("seeds = \"http://127.0.0.1/\"\n")),
              ElementsAre("seeds/x.toml:1: seeds: expected an array of strings, got string "
                          "\"http://127.0.0.1/\"",
                          "seeds/x.toml:1: seeds: no URL to start from; list some in \"seeds\" or in a "
                          "\"seeds_file\""));
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1/\", 3]\n")),
              ElementsAre("seeds/x.toml:1: seeds[1]: expected a string, got integer 3"));
  EXPECT_THAT(Errors(Load("name = true\nseeds = [\"http://127.0.0.1/\"]\n")),
              ElementsAre("seeds/x.toml:1: name: expected a string, got boolean true"));
  EXPECT_THAT(
      Errors(Load("seeds = [\"http://127.0.0.1/\"]\n[fetch]\ntimeout_s = \"30s\"\n")),
      ElementsAre("seeds/x.toml:3: [fetch] timeout_s: expected a number of seconds, got string \"30s\""));
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1/\"]\nfetch = 3\n")),
              ElementsAre("seeds/x.toml:2: [fetch]: expected a table, got integer 3"));
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1/\"]\n[[output]]\ndir = \"x\"\n")),
              ElementsAre("seeds/x.toml:2: [output]: expected a table, got array"));
}

TEST(ConfigTomlErrors, OutOfRangeNumbers) {
  EXPECT_THAT(
      Errors(Load(R"(seeds = ["http://127.0.0.1/"]
[scope]
max_pages = -5
max_depth = -2
[fetch]
concurrency = 0
timeout_s = 0
connect_timeout_s = -1.5
max_body_bytes = 0
[politeness]
max_per_host = 0
delay_ms = -1
[workers]
fetchers = -1
parsers = -1
)")),
      ElementsAre("seeds/x.toml:3: [scope] max_pages: expected 0 or more, got -5",
                  "seeds/x.toml:4: [scope] max_depth: expected -1 or more, got -2",
                  "seeds/x.toml:6: [fetch] concurrency: expected 1 to 100000, got 0",
                  "seeds/x.toml:7: [fetch] timeout_s: expected a number of seconds greater than 0, got 0",
                  "seeds/x.toml:8: [fetch] connect_timeout_s: expected a number of seconds greater than "
                  "0, got -1.5",
                  "seeds/x.toml:9: [fetch] max_body_bytes: expected 1 or more, got 0",
                  "seeds/x.toml:11: [politeness] max_per_host: expected 1 or more, got 0",
                  "seeds/x.toml:12: [politeness] delay_ms: expected 0 or more, got -1",
                  "seeds/x.toml:14: [workers] fetchers: expected 0 to 1024, got -1",
                  "seeds/x.toml:15: [workers] parsers: expected 0 to 1024, got -1"));
}

TEST(ConfigTomlErrors, IntegersTooLargeForTheirField) {
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1/\"]\n[scope]\nmax_depth = 3000000000\n")),
              ElementsAre("seeds/x.toml:3: [scope] max_depth: expected at most 2147483647, got 3000000000"));
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1/\"]\n[fetch]\ntimeout_s = inf\n")),
              ElementsAre("seeds/x.toml:3: [fetch] timeout_s: expected a number of seconds greater than 0, "
                          "got inf"));
}

TEST(ConfigTomlErrors, SyntaxErrorGivesLineAndColumn) {
  std::vector<std::string> errors = Errors(Load("seeds = [\"http://127.0.0.1/\"]\n[scope\nmax_depth = 3\n"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("seeds/x.toml:2: TOML syntax error at column"));
  errors = Errors(Load("seeds = [\"http://127.0.0.1/\"]\nname = \"a\"\nname = \"b\"\n"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("seeds/x.toml:3: TOML syntax error"));
}

TEST(ConfigTomlErrors, UnknownKeysAtEveryLevel) {
  EXPECT_THAT(
      Errors(Load(R"(seeds = ["http://127.0.0.1/"]
nmae = "x"
[scope]
max_deph = 3
[fetch]
proxy = "http://127.0.0.1:3128"
[outptu]
dir = "x"
[scope.extra]
a = 1
[zzz]
)")),
      ElementsAre("seeds/x.toml:2: nmae: unknown key (did you mean 'name'?)",
                  "seeds/x.toml:4: [scope] max_deph: unknown key (did you mean 'max_depth'?)",
                  "seeds/x.toml:6: [fetch] proxy: unknown key",
                  "seeds/x.toml:7: [outptu]: unknown table (did you mean 'output'?)",
                  "seeds/x.toml:9: [scope] extra: unknown key", "seeds/x.toml:11: [zzz]: unknown table"));
}

TEST(ConfigTomlErrors, BadSeedUrls) {
  std::vector<std::string> errors = Errors(Load(R"(seeds = [
  "http://127.0.0.1:8080/",
  "not a url",
  "ftp://127.0.0.1/file",
  "mailto:someone@127.0.0.1",
])"));
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_THAT(errors[0], HasSubstr("seeds/x.toml:3: seeds[1]: "));
  EXPECT_THAT(errors[0], HasSubstr("not a url"));
  EXPECT_EQ(errors[1], "seeds/x.toml:4: seeds[2]: 'ftp://127.0.0.1/file' is not an http or https URL");
  EXPECT_EQ(errors[2], "seeds/x.toml:5: seeds[3]: 'mailto:someone@127.0.0.1' is not an http or https URL");
}

TEST(ConfigTomlErrors, BadRegexesGiveRe2sMessage) {
  std::vector<std::string> errors = Errors(Load(R"(seeds = ["http://127.0.0.1/"]
[scope]
allow = ["ok", "a(b"]
deny = [
  "[z-a]",
])"));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_THAT(errors[0],
              HasSubstr("seeds/x.toml:3: [scope] allow[1]: invalid regular expression 'a(b': missing )"));
  EXPECT_THAT(errors[1], HasSubstr("seeds/x.toml:5: [scope] deny[0]: invalid regular expression '[z-a]': "));
}

TEST(ConfigTomlErrors, BadDomainsFormatsNamesAndAgents) {
  std::vector<std::string> errors = Errors(Load(R"(name = "a/b"
seeds = ["http://127.0.0.1/"]
[scope]
allowed_domains = ["example.com:8080"]
[fetch]
user_agent = "Bot\r\nX-Evil: 1"
[output]
dir = ""
formats = ["jsonl", "xml"]
)"));
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_THAT(errors[0], HasSubstr("seeds/x.toml:1: name: got \"a/b\"; it names the output files"));
  EXPECT_THAT(errors[1],
              HasSubstr("seeds/x.toml:4: [scope] allowed_domains[0]: invalid domain 'example.com:8080'"));
  EXPECT_THAT(errors[2], HasSubstr("seeds/x.toml:6: [fetch] user_agent: may not contain control characters"));
  EXPECT_THAT(errors[3], HasSubstr("seeds/x.toml:8: [output] dir: expected a folder"));
  EXPECT_EQ(errors[4],
            "seeds/x.toml:9: [output] formats[1]: unknown output format \"xml\" (expected \"jsonl\", "
            "\"csv\", \"json\", \"warc\" or \"links\")");
}

TEST(ConfigTomlErrors, NamesThatAreNoFileNames) {
  for (const char* name : {"", ".", "..", "a\\\\b", "tab\\there"}) {
    std::vector<std::string> errors =
        Errors(Load(std::string("name = \"") + name + "\"\nseeds = [\"http://127.0.0.1/\"]\n"));
    ASSERT_EQ(errors.size(), 1u) << name;
    EXPECT_THAT(errors[0], HasSubstr("seeds/x.toml:1: name: ")) << name;
  }
}

TEST(ConfigToml, CaFileMustBeReadable) {
  Result<Config> good = Load("seeds = [\"http://127.0.0.1:8080/\"]\n[fetch]\nca_file = \"/etc/hostname\"\n");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->fetch.ca_file, "/etc/hostname");
  EXPECT_THAT(Errors(Load("seeds = [\"http://127.0.0.1:8080/\"]\n[fetch]\nca_file = \"/nonexistent/ca.pem\"\n")),
              ElementsAre(HasSubstr("seeds/x.toml:3: [fetch] ca_file: cannot read '/nonexistent/ca.pem'")));
}

TEST(ConfigTomlErrors, NoSeedsAtAll) {
  EXPECT_THAT(
      Errors(Load("name = \"x\"\n")),
      ElementsAre(
          "seeds/x.toml: seeds: no URL to start from; list some in \"seeds\" or in a \"seeds_file\""));
  EXPECT_THAT(Errors(Load("name = \"x\"\nseeds = []\n")),
              ElementsAre("seeds/x.toml:2: seeds: no URL to start from; list some in \"seeds\" or in a "
                          "\"seeds_file\""));
}

TEST(ConfigTomlErrors, AllErrorsAreCollected) {
  std::vector<std::string> errors = Errors(Load(R"(seeds = ["http://127.0.0.1/", "gopher://x/"]
bogus = 1
[scope]
max_depth = "three"
deny = ["("]
[workers]
fetchers = -1
[output]
formats = ["yaml"]
)"));
  ASSERT_EQ(errors.size(), 6u);
  EXPECT_THAT(errors[0], HasSubstr("x.toml:1: seeds[1]: "));
  EXPECT_THAT(errors[1], HasSubstr("x.toml:2: bogus: unknown key"));
  EXPECT_THAT(errors[2], HasSubstr("x.toml:4: [scope] max_depth: "));
  EXPECT_THAT(errors[3], HasSubstr("x.toml:5: [scope] deny[0]: "));
  EXPECT_THAT(errors[4], HasSubstr("x.toml:7: [workers] fetchers: "));
  EXPECT_THAT(errors[5], HasSubstr("x.toml:9: [output] formats[0]: unknown output format \"yaml\""));
  std::string message = Load("seeds = []\n[output]\nformats = [\"yaml\"]\n").status().message();
  EXPECT_THAT(message, HasSubstr("formats[0]"));
  EXPECT_THAT(message, HasSubstr("no URL to start from"));
}

TEST(ConfigValidate, AcceptsAGoodConfig) {
  Config config;
  config.seeds = {"http://127.0.0.1:8080/"};
  EXPECT_TRUE(config.Validate().ok());
}

TEST(ConfigValidate, ChecksWhatTheLoaderChecks) {
  Config config;
  config.name = "a/b";
  config.seeds = {"http://127.0.0.1:8080/", "nope"};
  config.scope.allowed_domains = {"http://example.com/"};
  config.scope.allow = {"("};
  config.scope.deny = {"ok", "[z-a]"};
  config.scope.max_depth = -7;
  config.fetch.user_agent = "";
  config.fetch.timeout_s = 0;
  config.fetch.concurrency = 0;
  config.fetch.max_body_bytes = 0;
  config.politeness.delay_ms = -1;
  config.workers.fetchers = -3;
  config.workers.parsers = 5000;
  config.output.formats = {"csv", "xml"};
  Status status = config.Validate();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), Status::Code::kInvalidArgument);
  const std::string& m = status.message();
  EXPECT_THAT(m, HasSubstr("name: got \"a/b\""));
  EXPECT_THAT(m, HasSubstr("seeds[1]: "));
  EXPECT_THAT(m, HasSubstr("[scope] allowed_domains[0]: invalid domain"));
  EXPECT_THAT(m, HasSubstr("[scope] allow[0]: invalid regular expression '('"));
  EXPECT_THAT(m, HasSubstr("[scope] deny[1]: invalid regular expression '[z-a]'"));
  EXPECT_THAT(m, HasSubstr("[scope] max_depth: expected -1 or more, got -7"));
  EXPECT_THAT(m, HasSubstr("[fetch] user_agent: expected a User-Agent"));
  EXPECT_THAT(m, HasSubstr("[fetch] timeout_s: expected a number of seconds greater than 0"));
  EXPECT_THAT(m, HasSubstr("[fetch] concurrency: expected 1 to 100000, got 0"));
  EXPECT_THAT(m, HasSubstr("[fetch] max_body_bytes: expected 1 or more, got 0"));
  EXPECT_THAT(m, HasSubstr("[politeness] delay_ms: expected 0 or more, got -1"));
  EXPECT_THAT(m, HasSubstr("[workers] fetchers: expected 0 to 1024, got -3"));
  EXPECT_THAT(m, HasSubstr("[workers] parsers: expected 0 to 1024, got 5000"));
  EXPECT_THAT(m, HasSubstr("[output] formats[1]: unknown output format \"xml\""));
  // No file and no line: the config was built in code.
  EXPECT_EQ(m.find(".toml"), std::string::npos);
  EXPECT_EQ(std::count(m.begin(), m.end(), '\n'), 13);
}

TEST(ConfigValidate, NoSeeds) {
  Config config;
  Status status = config.Validate();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "seeds: no URL to start from; list some in \"seeds\" or in a \"seeds_file\"");
}

TEST(ConfigValidate, HugeCountsAndNanSeconds) {
  Config config;
  config.seeds = {"https://127.0.0.1/"};
  config.scope.max_pages = UINT64_MAX;
  config.fetch.connect_timeout_s = std::numeric_limits<double>::quiet_NaN();
  Status status = config.Validate();
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("[scope] max_pages: expected at most"));
  EXPECT_THAT(status.message(), HasSubstr("[fetch] connect_timeout_s: expected a number of seconds greater "
                                          "than 0, got nan"));
}

}  // namespace
}  // namespace arachne
