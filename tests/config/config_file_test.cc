// Config::FromFile: seed files on disk, TOML or plain lists, with their seeds_file, and the files in seeds/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "arachne/config.h"
#include "config/config_json.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

using test::TempDir;

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kSeedsDir = std::string(ARACHNE_TEST_DATA_DIR) + "/../../seeds/";

TEST(ConfigFile, TomlNameDefaultsToTheFileStem) {
  TempDir dir;
  Result<Config> config = Config::FromFile(dir.Write("shop.toml", "seeds = [\"http://127.0.0.1:8080/\"]\n"));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->name, "shop");
  config = Config::FromFile(dir.Write("named.toml", "name = \"other\"\nseeds = [\"http://127.0.0.1/\"]\n"));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->name, "other");
}

TEST(ConfigFile, ErrorsNameTheFileAsGiven) {
  TempDir dir;
  const std::string path =
      dir.Write("bad.toml", "seeds = [\"http://127.0.0.1/\"]\n[scope]\nmax_depth = \"three\"\n");
  Result<Config> config = Config::FromFile(path);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message(),
            path + ":3: [scope] max_depth: expected an integer, got string \"three\"");
}

TEST(ConfigFile, MissingFileIsNotFound) {
  TempDir dir;
  Result<Config> config = Config::FromFile(dir.path() + "/nope.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), Status::Code::kNotFound);
  EXPECT_THAT(config.status().message(), HasSubstr("nope.toml': No such file or directory"));
  EXPECT_FALSE(Config::FromFile(dir.path()).ok());  // a folder
}

TEST(ConfigFile, SeedsFileIsRelativeToTheSeedFile) {
  TempDir dir;
  dir.Write("sub/list.txt", "# more\nhttp://127.0.0.1:8080/b\n\nhttp://127.0.0.1:8080/c\n");
  const std::string path =
      dir.Write("sub/site.toml", "seeds = [\"http://127.0.0.1:8080/a\"]\nseeds_file = \"list.txt\"\n");
  Result<Config> config = Config::FromFile(path);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_THAT(config->seeds,
              ElementsAre("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b", "http://127.0.0.1:8080/c"));
}

TEST(ConfigFile, SeedsFileAloneIsEnoughAndMayBeAbsolute) {
  TempDir dir;
  const std::string list = dir.Write("elsewhere/list.txt", "http://127.0.0.1:8080/\n");
  Result<Config> config = Config::FromFile(dir.Write("s.toml", "seeds_file = \"" + list + "\"\n"));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_THAT(config->seeds, ElementsAre("http://127.0.0.1:8080/"));
}

TEST(ConfigFile, MissingSeedsFileIsReportedAtItsKey) {
  TempDir dir;
  const std::string path = dir.Write("s.toml", "name = \"s\"\nseeds_file = \"missing.txt\"\n");
  Result<Config> config = Config::FromFile(path);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(config.status().message(),
              HasSubstr(path + ":2: seeds_file: cannot read '" + dir.path() + "/missing.txt': No such file"));
  EXPECT_THAT(config.status().message(), HasSubstr(path + ": seeds: no URL to start from"));
}

TEST(ConfigFile, BadLinesInSeedsFileNameThatFile) {
  TempDir dir;
  dir.Write("list.txt", "http://127.0.0.1:8080/\n\nmailto:x@127.0.0.1\n");
  const std::string path = dir.Write("s.toml", "seeds_file = \"list.txt\"\n[fetch]\nconcurrency = 0\n");
  Result<Config> config = Config::FromFile(path);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message(), dir.path() +
                                           "/list.txt:3: 'mailto:x@127.0.0.1' is not an http or https URL\n" +
                                           path + ":3: [fetch] concurrency: expected 1 to 100000, got 0");
}

TEST(ConfigFile, SeedsFileOfTheWrongType) {
  TempDir dir;
  const std::string path = dir.Write("s.toml", "seeds = [\"http://127.0.0.1/\"]\nseeds_file = [\"a\"]\n");
  Result<Config> config = Config::FromFile(path);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message(), path + ":2: seeds_file: expected a file name, got array");
}

TEST(ConfigFile, PlainUrlList) {
  TempDir dir;
  Result<Config> config = Config::FromFile(
      dir.Write("news.txt", "# news sites\nhttp://127.0.0.1:8080/\nhttp://127.0.0.1:8081/\n"));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->name, "news");
  EXPECT_THAT(config->seeds, ElementsAre("http://127.0.0.1:8080/", "http://127.0.0.1:8081/"));
  EXPECT_EQ(config->fetch.concurrency, Config().fetch.concurrency);
  // No extension at all: still a list, named after the file.
  config = Config::FromFile(dir.Write("seeds", "http://127.0.0.1/\n"));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->name, "seeds");
}

TEST(ConfigFile, PlainUrlListErrors) {
  TempDir dir;
  const std::string path = dir.Write("l.txt", "http://127.0.0.1/\nhttp://[oops/\n\nfile:///etc/passwd\n");
  Result<Config> config = Config::FromFile(path);
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr(path + ":2: invalid URL 'http://[oops/'"));
  EXPECT_THAT(config.status().message(), HasSubstr(path + ":4: 'file:///etc/passwd' is not an http"));
  const std::string empty = dir.Write("empty.txt", "# nothing yet\n");
  config = Config::FromFile(empty);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message(),
            empty + ": no URL to start from; list some in \"seeds\" or in a \"seeds_file\"");
}

TEST(SeedsFolder, ExampleLoadsWithTheDefaults) {
  Result<Config> config = Config::FromFile(kSeedsDir + "example.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const Config defaults;
  EXPECT_EQ(config->name, "example");
  EXPECT_THAT(config->seeds, ElementsAre("http://127.0.0.1:8080/index.html"));
  // example.toml documents the defaults: it must state them truly, every key of them. Its [[extract]]
  // rules (none by default) show every key of a rule.
  Config loaded = *config;
  loaded.name = defaults.name;
  loaded.seeds = defaults.seeds;
  loaded.extract = defaults.extract;
  EXPECT_EQ(ConfigToJson(loaded), ConfigToJson(defaults));
  EXPECT_TRUE(config->Validate().ok());
  ASSERT_EQ(config->extract.size(), 2u);
  const ExtractRule& price = config->extract[0];
  EXPECT_EQ(price.field, "price");
  EXPECT_EQ(price.css, "div.product > span.price");
  EXPECT_EQ(price.take, "text");
  EXPECT_FALSE(price.all);
  EXPECT_THAT(price.pages, ElementsAre("/p/"));
  const ExtractRule& photos = config->extract[1];
  EXPECT_EQ(photos.take, "attr:src");
  EXPECT_TRUE(photos.all);
  EXPECT_TRUE(photos.absolute);
}

TEST(SeedsFolder, DemoCrawlsTheTestSite) {
  Result<Config> config = Config::FromFile(kSeedsDir + "demo.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->name, "demo");
  EXPECT_THAT(config->seeds, ElementsAre("http://127.0.0.1:8080/index.html"));
  EXPECT_THAT(config->output.formats, ElementsAre("jsonl", "csv"));
  EXPECT_EQ(config->extract.size(), 5u);
  EXPECT_TRUE(config->Validate().ok());
}

TEST(SeedsFolder, UrlListLoads) {
  Result<Config> config = Config::FromFile(kSeedsDir + "urls.txt");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->name, "urls");
  ASSERT_FALSE(config->seeds.empty());
  for (const std::string& seed : config->seeds) EXPECT_THAT(seed, HasSubstr("://127.0.0.1:"));
}

}  // namespace
}  // namespace arachne
