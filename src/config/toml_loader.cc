#include "config/toml_loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <sstream>
#include <utility>
#include <vector>

#include "common/text_file.h"
#include "config/config_fields.h"
#include "config/error_list.h"
#include "config/url_list.h"
#include "extract/extraction_rules.h"

namespace arachne {

namespace {

// Long values are cut in messages: the point is to recognise the value, not to reprint it.
constexpr std::size_t kMaxQuotedLength = 60;

std::string Quote(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text.substr(0, kMaxQuotedLength)) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  if (text.size() > kMaxQuotedLength) quoted += "...";
  return quoted + "\"";
}

// A float as TOML writes it, so that 2.0 does not read as the integer 2 in "expected an integer, got float".
std::string FloatText(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return "?";
  std::string text(buffer, end);
  if (text.find_first_of(".eEin") == std::string::npos) text += ".0";  // not for "1e+30", "inf", "nan"
  return text;
}

// "string \"three\"", "float 2.5", "array": what the user wrote, for "expected X, got Y".
std::string Describe(const toml::node& node) {
  std::ostringstream out;
  switch (node.type()) {
    case toml::node_type::string: return "string " + Quote(node.as_string()->get());
    case toml::node_type::integer: return "integer " + std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point: return "float " + FloatText(node.as_floating_point()->get());
    case toml::node_type::boolean: return node.as_boolean()->get() ? "boolean true" : "boolean false";
    case toml::node_type::date: out << "date " << node.as_date()->get(); break;
    case toml::node_type::time: out << "time " << node.as_time()->get(); break;
    case toml::node_type::date_time: out << "date-time " << node.as_date_time()->get(); break;
    case toml::node_type::array: return "array";
    case toml::node_type::table: return "table";
    case toml::node_type::none: return "nothing";
  }
  return out.str();
}

unsigned LineOf(const toml::source_region& region) {
  return region.begin.line;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean 'max_depth'?)" for a near miss among `known`, else "".
std::string Suggestion(std::string_view unknown, const std::vector<std::string_view>& known) {
  constexpr std::size_t kMaxTypos = 2;
  std::string_view best;
  std::size_t best_distance = kMaxTypos + 1;
  for (std::string_view candidate : known) {
    const std::size_t distance = EditDistance(unknown, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best.empty() ? "" : " (did you mean '" + std::string(best) + "'?)";
}

// The keys VisitConfigFields knows, by table; "" is the top level.
struct KeyCollector {
  std::vector<std::pair<std::string_view, std::string_view>> keys;

  template <typename... Rest>
  void Text(std::string_view table, std::string_view key, Rest&&...) {
    keys.emplace_back(table, key);
  }
  template <typename... Rest>
  void List(std::string_view table, std::string_view key, Rest&&...) {
    keys.emplace_back(table, key);
  }
  template <typename... Rest>
  void Integer(std::string_view table, std::string_view key, Rest&&...) {
    keys.emplace_back(table, key);
  }
  template <typename... Rest>
  void Seconds(std::string_view table, std::string_view key, Rest&&...) {
    keys.emplace_back(table, key);
  }
  template <typename... Rest>
  void Number(std::string_view table, std::string_view key, Rest&&...) {
    keys.emplace_back(table, key);
  }
  template <typename... Rest>
  void Flag(std::string_view table, std::string_view key, Rest&&...) {
    keys.emplace_back(table, key);
  }
  template <typename Field>
  void Rules(std::string_view key, Field&) {
    keys.emplace_back("", key);
  }

  std::vector<std::string_view> KeysOf(std::string_view table) const {
    std::vector<std::string_view> result;
    for (const auto& [t, k] : keys) {
      if (t == table) result.push_back(k);
    }
    return result;
  }
  std::vector<std::string_view> Tables() const {
    std::vector<std::string_view> result;
    for (const auto& [t, k] : keys) {
      if (!t.empty() && std::find(result.begin(), result.end(), t) == result.end()) result.push_back(t);
    }
    return result;
  }
};

// Reads each key VisitConfigFields lists from the TOML document into the Config, checking its type and
// then its rule. Keys the document leaves out keep their defaults.
class TomlFieldReader {
 public:
  TomlFieldReader(const toml::table& root, const std::string& source, ErrorList& errors)
      : root_(root), source_(source), errors_(errors) {}

  void Text(std::string_view table, std::string_view key, std::string& field, StringRule rule) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    if (!node->is_string()) return TypeError(*node, table, key, -1, "a string");
    field = node->as_string()->get();
    Check(*node, table, key, -1, rule(field));
  }

  void List(std::string_view table, std::string_view key, std::vector<std::string>& field, StringRule rule) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    const toml::array* array = node->as_array();
    if (array == nullptr) return TypeError(*node, table, key, -1, "an array of strings");
    field.clear();
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      const long index = static_cast<long>(i);
      if (!element.is_string()) {
        TypeError(element, table, key, index, "a string");
        continue;
      }
      const std::string& value = element.as_string()->get();
      if (std::string problem = rule(value); !problem.empty()) {
        Check(element, table, key, index, std::move(problem));
        continue;
      }
      field.push_back(value);
    }
  }

  template <typename Int>
  void Integer(std::string_view table, std::string_view key, Int& field, IntegerRange range) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    if (!node->is_integer()) return TypeError(*node, table, key, -1, "an integer");
    const std::int64_t value = node->as_integer()->get();
    if (std::string problem = CheckInteger(value, range); !problem.empty()) {
      return Check(*node, table, key, -1, std::move(problem));
    }
    field = static_cast<Int>(value);  // the range keeps it within Int
  }

  void Seconds(std::string_view table, std::string_view key, double& field) {
    Positive(table, key, field, "a number of seconds", CheckSeconds);
  }
  void Number(std::string_view table, std::string_view key, double& field) {
    Positive(table, key, field, "a number", CheckPositive);
  }

  void Flag(std::string_view table, std::string_view key, bool& field) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    if (!node->is_boolean()) return TypeError(*node, table, key, -1, "true or false");
    field = node->as_boolean()->get();
  }

  // [[extract]] tables: each key typed and known, then each rule checked (CheckExtractRule) at the line
  // of the key its problem is about.
  void Rules(std::string_view key, std::vector<ExtractRule>& field) {
    const toml::node* node = root_.get(key);
    if (node == nullptr) return;
    const toml::array* array = node->as_array();
    if (array == nullptr) return TypeError(*node, "", key, -1, "[[extract]] tables");
    field.clear();
    std::vector<const toml::table*> tables;  // of each rule read, its table
    std::vector<std::size_t> indexes;        // and its place in the array
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::table* table = array->get(i)->as_table();
      if (table == nullptr) {
        TypeError(*array->get(i), "", key, static_cast<long>(i), "a table");
        continue;
      }
      ExtractRule rule;
      if (ReadRule(*table, i, rule)) {
        field.push_back(std::move(rule));
        tables.push_back(table);
        indexes.push_back(i);
      }
    }
    for (std::size_t i = 0; i < field.size(); ++i) {
      std::string problem = CheckExtractRule(field, i);
      if (problem.empty()) continue;
      // The problem starts with its key: "css \"div >\": ...", "pages[1]: ...".
      const std::string rule_key = problem.substr(0, problem.find_first_of(" :["));
      const toml::node* at = tables[i]->get(rule_key);
      const unsigned line = LineOf(at != nullptr ? at->source() : tables[i]->source());
      errors_.Add(Where(source_, line, "", "") + ExtractRuleWhere(field[i], indexes[i]) + problem, line);
    }
  }

 private:
  static constexpr std::array<std::string_view, 6> kRuleKeys = {"field", "css", "take", "all", "pages", "absolute"};

  // One [[extract]] table's keys into `rule`; false (with errors reported) when a key is unknown, missing
  // or of the wrong type.
  bool ReadRule(const toml::table& table, std::size_t index, ExtractRule& rule) {
    const std::size_t errors_before = errors_.size();
    // The field names the rule in every message, whatever order the keys come in.
    if (const toml::node* field = table.get("field"); field != nullptr && field->is_string()) {
      rule.field = field->as_string()->get();
    }
    const auto where = [&](const toml::node& node, std::string_view rule_key) {
      return Where(source_, LineOf(node.source()), "", "") + ExtractRuleWhere(rule, index) + std::string(rule_key) +
             ": ";
    };
    const auto wrong = [&](const toml::node& node, std::string_view rule_key, std::string_view expected) {
      errors_.Add(where(node, rule_key) + "expected " + std::string(expected) + ", got " + Describe(node),
                  LineOf(node.source()));
    };
    for (const auto& [name, node] : table) {
      const std::string_view rule_key = name.str();
      const std::vector<std::string_view> known(kRuleKeys.begin(), kRuleKeys.end());
      if (std::find(known.begin(), known.end(), rule_key) == known.end()) {
        errors_.Add(where(node, rule_key) + "unknown key" + Suggestion(rule_key, known), LineOf(name.source()));
      } else if (rule_key == "all" || rule_key == "absolute") {
        if (!node.is_boolean()) wrong(node, rule_key, "true or false");
        else (rule_key == "all" ? rule.all : rule.absolute) = node.as_boolean()->get();
      } else if (rule_key == "pages") {
        const toml::array* pages = node.as_array();
        if (pages == nullptr || !pages->is_homogeneous<std::string>()) {
          wrong(node, rule_key, "an array of strings");
          continue;
        }
        for (const toml::node& page : *pages) rule.pages.push_back(page.as_string()->get());
      } else if (!node.is_string()) {
        wrong(node, rule_key, "a string");
      } else {
        const std::string& value = node.as_string()->get();
        (rule_key == "field" ? rule.field : rule_key == "css" ? rule.css : rule.take) = value;
      }
    }
    for (std::string_view required : {"field", "css"}) {
      if (table.contains(required)) continue;
      const unsigned line = LineOf(table.source());
      errors_.Add(Where(source_, line, "", "") + ExtractRuleWhere(rule, index) + std::string(required) +
                      ": missing; every rule names its " +
                      (required == "field" ? "field (the key or column of its value)" : "css selector"),
                  line);
    }
    return errors_.size() == errors_before;
  }

  void Positive(std::string_view table, std::string_view key, double& field, std::string_view expected,
                std::string (*rule)(double)) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    // Whole numbers may be written as integers: timeout_s = 30 means 30.0.
    if (!node->is_number()) return TypeError(*node, table, key, -1, expected);
    const double value = node->is_integer() ? static_cast<double>(node->as_integer()->get())
                                            : node->as_floating_point()->get();
    if (std::string problem = rule(value); !problem.empty()) {
      return Check(*node, table, key, -1, std::move(problem));
    }
    field = value;
  }

  // The node at [table] key, or nullptr when absent. A table given as something else is reported once,
  // by the unknown-key pass, so it is simply absent here.
  const toml::node* Find(std::string_view table, std::string_view key) const {
    const toml::table* where = &root_;
    if (!table.empty()) {
      where = root_.get_as<toml::table>(table);
      if (where == nullptr) return nullptr;
    }
    return where->get(key);
  }

  void TypeError(const toml::node& node, std::string_view table, std::string_view key, long index,
                 std::string_view expected) {
    const unsigned line = LineOf(node.source());
    errors_.Add(Where(source_, line, table, key, index) + "expected " + std::string(expected) + ", got " +
                    Describe(node),
                line);
  }

  void Check(const toml::node& node, std::string_view table, std::string_view key, long index,
             std::string problem) {
    if (problem.empty()) return;
    const unsigned line = LineOf(node.source());
    errors_.Add(Where(source_, line, table, key, index) + problem, line);
  }

  const toml::table& root_;
  const std::string& source_;
  ErrorList& errors_;
};

// Reports every key and table the document has that VisitConfigFields does not list.
void ReportUnknownKeys(const toml::table& root, const std::string& source, ErrorList& errors) {
  KeyCollector known;
  Config dummy;
  VisitConfigFields(known, dummy);
  std::vector<std::string_view> top_level = known.KeysOf("");
  top_level.push_back(kSeedsFileKey);
  const std::vector<std::string_view> tables = known.Tables();
  std::vector<std::string_view> top_level_and_tables = top_level;
  top_level_and_tables.insert(top_level_and_tables.end(), tables.begin(), tables.end());

  for (const auto& [key, node] : root) {
    const std::string_view name = key.str();
    const unsigned line = LineOf(key.source());
    if (std::find(top_level.begin(), top_level.end(), name) != top_level.end()) continue;
    if (std::find(tables.begin(), tables.end(), name) == tables.end()) {
      if (node.is_table()) {
        errors.Add(Where(source, line, name, "") + "unknown table" + Suggestion(name, tables), line);
      } else {
        errors.Add(Where(source, line, "", name) + "unknown key" + Suggestion(name, top_level_and_tables),
                   line);
      }
      continue;
    }
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      errors.Add(Where(source, line, name, "") + "expected a table, got " + Describe(node), line);
      continue;
    }
    const std::vector<std::string_view> keys = known.KeysOf(name);
    for (const auto& [inner_key, inner_node] : *table) {
      if (std::find(keys.begin(), keys.end(), inner_key.str()) != keys.end()) continue;
      const unsigned inner_line = LineOf(inner_key.source());
      errors.Add(Where(source, inner_line, name, inner_key.str()) + "unknown key" +
                     Suggestion(inner_key.str(), keys),
                 inner_line);
    }
  }
}

// Appends the URLs of seeds_file, if the document names one, to config.seeds.
void ReadSeedsFile(const toml::table& root, const std::string& source, Config& config, ErrorList& errors) {
  const toml::node* node = root.get(kSeedsFileKey);
  if (node == nullptr) return;
  const unsigned line = LineOf(node->source());
  const std::string where = Where(source, line, "", kSeedsFileKey);
  if (!node->is_string()) {
    errors.Add(where + "expected a file name, got " + Describe(*node), line);
    return;
  }
  const std::string& name = node->as_string()->get();
  if (name.empty()) {
    errors.Add(where + "expected a file name, got an empty string", line);
    return;
  }
  // Relative to the seed file, so that a seed file and its list can move together.
  const std::string path = (std::filesystem::path(source).parent_path() / name).string();
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) {
    errors.Add(where + text.status().message(), line);
    return;
  }
  // The list's own problems name its file and lines; they are placed where seeds_file is.
  ErrorList list_errors;
  for (std::string& url : ParseUrlList(*text, path, list_errors)) config.seeds.push_back(std::move(url));
  errors.Append(list_errors, line);
}

Result<Config> Load(std::string_view text, const std::string& source, const std::string& default_name) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    const toml::source_position& at = e.source().begin;
    return Status::InvalidArgument(source + ":" + std::to_string(at.line) + ": TOML syntax error at column " +
                                   std::to_string(at.column) + ": " + std::string(e.description()));
  }
  ErrorList errors;
  ReportUnknownKeys(root, source, errors);
  Config config;
  config.name = default_name;
  TomlFieldReader reader(root, source, errors);
  VisitConfigFields(reader, config);
  ReadSeedsFile(root, source, config, errors);
  if (std::string problem = CheckHasSeeds(config.seeds); !problem.empty()) {
    const toml::node* seeds = root.get("seeds");
    const unsigned line = seeds == nullptr ? 0 : LineOf(seeds->source());
    errors.Add(Where(source, line, "", "seeds") + problem, line);
  }
  if (!errors.empty()) return errors.ToStatus();
  return config;
}

}  // namespace

Result<Config> LoadTomlConfig(std::string_view text, const std::string& source,
                              const std::string& default_name) {
  // toml++ and the standard library may throw (bad_alloc, filesystem errors); nothing escapes the API.
  try {
    return Load(text, source, default_name);
  } catch (const std::exception& e) {
    return Status::Internal(source + ": while reading the seed file: " + e.what());
  }
}

}  // namespace arachne
