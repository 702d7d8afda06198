// Config's loaders and its validation; the rules themselves are in config_rules.h and the list of keys
// in config_fields.h, shared by both.
#include "arachne/config.h"

#include <filesystem>
#include <string_view>

#include "common/text_file.h"
#include "config/config_fields.h"
#include "config/config_rules.h"
#include "config/error_list.h"
#include "config/toml_loader.h"
#include "config/url_list.h"
#include "extract/extraction_rules.h"

namespace arachne {

namespace {

constexpr std::string_view kTomlExtension = ".toml";

// Checks a Config's values in place with the rules the loader uses; messages name the key, not a line.
class FieldChecker {
 public:
  explicit FieldChecker(ErrorList& errors) : errors_(errors) {}

  void Text(std::string_view table, std::string_view key, const std::string& field, StringRule rule) {
    Report(table, key, -1, rule(field));
  }
  void List(std::string_view table, std::string_view key, const std::vector<std::string>& field,
            StringRule rule) {
    for (std::size_t i = 0; i < field.size(); ++i) Report(table, key, static_cast<long>(i), rule(field[i]));
  }
  void Integer(std::string_view table, std::string_view key, const int& field, IntegerRange range) {
    Report(table, key, -1, CheckInteger(field, range));
  }
  void Integer(std::string_view table, std::string_view key, const std::uint64_t& field, IntegerRange range) {
    if (field > static_cast<std::uint64_t>(INT64_MAX)) {
      return Report(table, key, -1,
                    "expected at most " + std::to_string(range.max) + ", got " + std::to_string(field));
    }
    Report(table, key, -1, CheckInteger(static_cast<std::int64_t>(field), range));
  }
  void Seconds(std::string_view table, std::string_view key, const double& field) {
    Report(table, key, -1, CheckSeconds(field));
  }
  void Number(std::string_view table, std::string_view key, const double& field) {
    Report(table, key, -1, CheckPositive(field));
  }
  void Flag(std::string_view, std::string_view, const bool&) {}
  void Rules(std::string_view, const std::vector<ExtractRule>& rules) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (std::string problem = CheckExtractRule(rules, i); !problem.empty()) {
        errors_.Add(ExtractRuleWhere(rules[i], i) + problem);
      }
    }
  }

 private:
  void Report(std::string_view table, std::string_view key, long index, std::string problem) {
    if (!problem.empty()) errors_.Add(Where("", 0, table, key, index) + problem);
  }
  ErrorList& errors_;
};

// The crawl's name from a seed file's name: "seeds/shop.toml" -> "shop"; "crawl" when that is no name.
std::string NameFromPath(const std::string& path) {
  std::string stem = std::filesystem::path(path).filename().string();
  if (stem.ends_with(kTomlExtension)) {
    stem.resize(stem.size() - kTomlExtension.size());
  } else {
    stem = std::filesystem::path(stem).stem().string();
  }
  return CheckName(stem).empty() ? stem : Config().name;
}

Result<Config> LoadUrlListFile(const std::string& text, const std::string& path) {
  ErrorList errors;
  Config config;
  config.name = NameFromPath(path);
  config.seeds = ParseUrlList(text, path, errors);
  if (std::string problem = CheckHasSeeds(config.seeds); !problem.empty()) errors.Add(path + ": " + problem);
  if (!errors.empty()) return errors.ToStatus();
  return config;
}

}  // namespace

Result<Config> Config::FromFile(const std::string& path) {
  try {
    Result<std::string> text = ReadTextFile(path);
    if (!text.ok()) return text.status();
    if (path.ends_with(kTomlExtension)) return LoadTomlConfig(*text, path, NameFromPath(path));
    return LoadUrlListFile(*text, path);
  } catch (const std::exception& e) {
    return Status::Internal(path + ": while reading the seed file: " + e.what());
  }
}

Result<Config> Config::FromToml(const std::string& text, const std::string& source) {
  return LoadTomlConfig(text, source, Config().name);
}

Status Config::Validate() const {
  try {
    ErrorList errors;
    FieldChecker checker(errors);
    VisitConfigFields(checker, *this);
    if (std::string problem = CheckHasSeeds(seeds); !problem.empty()) errors.Add("seeds: " + problem);
    return errors.ToStatus();
  } catch (const std::exception& e) {
    return Status::Internal(std::string("while validating the config: ") + e.what());
  }
}

}  // namespace arachne
