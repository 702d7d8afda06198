// [[extract]] rules in seed files and in code: loaded with their defaults, refused with the file, the line,
// the rule and (for a selector) the position in it, carried to the children, and seen as a change.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "arachne/config.h"
#include "config/config_json.h"

// Designated initializers name only the fields a test sets; the others keep their defaults, on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace arachne {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kSeeds = "seeds = [\"http://127.0.0.1:8080/\"]\n";

Result<Config> Load(std::string_view rules) {
  return Config::FromToml(std::string(kSeeds) + std::string(rules), "x.toml");
}

std::string ErrorOf(std::string_view rules) {
  Result<Config> config = Load(rules);
  return config.ok() ? "<loaded>" : config.status().message();
}

TEST(ExtractRulesConfig, RulesLoadInOrderWithTheirDefaults) {
  Result<Config> config = Load(R"(
[[extract]]
field = "price"
css = "span.price"

[[extract]]
field = "links"
css = "a"
take = "attr:href"
all = true
absolute = true
pages = ["/p/", "\\.html$"]
)");
  ASSERT_FALSE(config.ok()) << "\"links\" is a built-in field";
  config = Load(R"(
[[extract]]
field = "price"
css = "span.price"

[[extract]]
field = "hrefs"
css = "a"
take = "attr:href"
all = true
absolute = true
pages = ["/p/", "\\.html$"]
)");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_EQ(config->extract.size(), 2u);
  EXPECT_EQ(config->extract[0].field, "price");
  EXPECT_EQ(config->extract[0].take, "text");
  EXPECT_FALSE(config->extract[0].all);
  EXPECT_FALSE(config->extract[0].absolute);
  EXPECT_TRUE(config->extract[0].pages.empty());
  EXPECT_EQ(config->extract[1].field, "hrefs");
  EXPECT_EQ(config->extract[1].take, "attr:href");
  EXPECT_TRUE(config->extract[1].all);
  EXPECT_TRUE(config->extract[1].absolute);
  EXPECT_THAT(config->extract[1].pages, ElementsAre("/p/", "\\.html$"));
}

TEST(ExtractRulesConfig, ABadSelectorIsRefusedWithFileLineRuleAndPosition) {
  const std::string error = ErrorOf(R"(
[[extract]]
field = "name"
css = "h1"

[[extract]]
field = "price"
take = "text"
css = "div..price"
)");
  // Line 10 is the css key of rule #2; the selector's problem is the '.' at its 4th character.
  EXPECT_EQ(
      error,
      "x.toml:10: [[extract]] #2 (field \"price\"): css \"div..price\": at character 4: expected a class "
      "name after '.'");
}

TEST(ExtractRulesConfig, EveryProblemOfEveryRuleIsReported) {
  const std::string error = ErrorOf(R"(
[[extract]]
field = "title"
css = "h1"

[[extract]]
field = "a"
css = "p"
take = "words"

[[extract]]
field = "a"
css = "p"

[[extract]]
field = "b"
css = "p"
absolute = true

[[extract]]
field = "c"
css = "p"
pages = ["("]
)");
  EXPECT_THAT(error,
              HasSubstr("x.toml:4: [[extract]] #1 (field \"title\"): field: \"title\" is a built-in field"));
  EXPECT_THAT(error,
              HasSubstr("x.toml:10: [[extract]] #2 (field \"a\"): take: expected \"text\", \"html\" or "
                        "\"attr:NAME\" (such as \"attr:href\"), got \"words\""));
  EXPECT_THAT(
      error, HasSubstr("x.toml:13: [[extract]] #3 (field \"a\"): field: \"a\" is also the field of rule #2"));
  EXPECT_THAT(error, HasSubstr("x.toml:19: [[extract]] #4 (field \"b\"): absolute: only an attribute"));
  EXPECT_THAT(error,
              HasSubstr("x.toml:24: [[extract]] #5 (field \"c\"): pages[0]: invalid regular expression"));
}

TEST(ExtractRulesConfig, UnknownMissingAndMistypedKeysAreRefused) {
  const std::string error = ErrorOf(R"(
[[extract]]
fild = "price"
css = "p"

[[extract]]
field = "b"

[[extract]]
field = "c"
css = "p"
all = "yes"
pages = "/p/"

[[extract]]
field = 7
css = "p"
)");
  EXPECT_THAT(error, HasSubstr("x.toml:4: [[extract]] #1: fild: unknown key (did you mean 'field'?)"));
  EXPECT_THAT(error, HasSubstr("x.toml:3: [[extract]] #1: field: missing; every rule names its field"));
  EXPECT_THAT(
      error,
      HasSubstr("x.toml:7: [[extract]] #2 (field \"b\"): css: missing; every rule names its css selector"));
  EXPECT_THAT(
      error,
      HasSubstr("x.toml:13: [[extract]] #3 (field \"c\"): all: expected true or false, got string \"yes\""));
  EXPECT_THAT(error, HasSubstr("x.toml:14: [[extract]] #3 (field \"c\"): pages: expected an array of "
                               "strings, got string \"/p/\""));
  EXPECT_THAT(error, HasSubstr("x.toml:17: [[extract]] #4: field: expected a string, got integer 7"));
}

TEST(ExtractRulesConfig, ExtractMustBeTables) {
  EXPECT_EQ(ErrorOf("extract = \"p\"\n"), "x.toml:2: extract: expected [[extract]] tables, got string \"p\"");
  EXPECT_EQ(ErrorOf("extract = [1]\n"), "x.toml:2: extract[0]: expected a table, got integer 1");
}

TEST(ExtractRulesConfig, ValidateRefusesTheSameRulesInCode) {
  Config config;
  config.seeds = {"http://127.0.0.1:8080/"};
  config.extract = {ExtractRule{.field = "price", .css = "span.price"}};
  EXPECT_TRUE(config.Validate().ok()) << config.Validate().ToString();
  config.extract.push_back(ExtractRule{.field = "bad", .css = "p >"});
  config.extract.push_back(ExtractRule{.field = "", .css = "p"});
  config.extract.push_back(ExtractRule{.field = "url", .css = "p"});
  const std::string error = config.Validate().message();
  EXPECT_THAT(error, HasSubstr("[[extract]] #2 (field \"bad\"): css \"p >\": at character "));
  EXPECT_THAT(error, HasSubstr("[[extract]] #3: field: expected a name, got an empty string"));
  EXPECT_THAT(error, HasSubstr("[[extract]] #4 (field \"url\"): field: \"url\" is a built-in field"));
}

TEST(ExtractRulesConfig, RulesTravelToTheChildrenAndCountAsAChange) {
  Config config;
  config.seeds = {"http://127.0.0.1:8080/"};
  config.extract = {ExtractRule{.field = "tags", .css = "li", .take = "html", .all = true, .pages = {"/p/"}},
                    ExtractRule{.field = "photo", .css = "img", .take = "attr:src", .absolute = true}};
  Result<Config> back = ConfigFromJson(ConfigToJson(config));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->extract.size(), 2u);
  EXPECT_EQ(back->extract[0].take, "html");
  EXPECT_TRUE(back->extract[0].all);
  EXPECT_THAT(back->extract[0].pages, ElementsAre("/p/"));
  EXPECT_TRUE(back->extract[1].absolute);
  EXPECT_EQ(ConfigToJson(*back), ConfigToJson(config));

  Config changed = config;
  changed.extract[1].css = "img.photo";
  EXPECT_THAT(ConfigDifferences(ConfigToJson(config), ConfigToJson(changed)), ElementsAre("extract"));
  EXPECT_TRUE(ConfigDifferences(ConfigToJson(config), ConfigToJson(config)).empty());
}

}  // namespace
}  // namespace arachne
