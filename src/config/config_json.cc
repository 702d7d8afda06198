#include "config/config_json.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "config/config_fields.h"

namespace arachne {

using nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ExtractRule, field, css, take, all, pages, absolute)

namespace {

json& Slot(json& root, std::string_view table, std::string_view key) {
  return table.empty() ? root[std::string(key)] : root[std::string(table)][std::string(key)];
}

const json& Slot(const json& root, std::string_view table, std::string_view key) {
  return table.empty() ? root.at(std::string(key)) : root.at(std::string(table)).at(std::string(key));
}

// Writes every field of VisitConfigFields into a JSON object shaped like the seed file.
struct Writer {
  json root = json::object();
  template <typename Rule>
  void Text(std::string_view table, std::string_view key, const std::string& field, Rule) {
    Slot(root, table, key) = field;
  }
  template <typename Rule>
  void List(std::string_view table, std::string_view key, const std::vector<std::string>& field, Rule) {
    Slot(root, table, key) = field;
  }
  template <typename T, typename Range>
  void Integer(std::string_view table, std::string_view key, const T& field, Range) {
    Slot(root, table, key) = field;
  }
  void Seconds(std::string_view table, std::string_view key, const double& field) { Slot(root, table, key) = field; }
  void Number(std::string_view table, std::string_view key, const double& field) { Slot(root, table, key) = field; }
  void Flag(std::string_view table, std::string_view key, const bool& field) { Slot(root, table, key) = field; }
  void Rules(std::string_view key, const std::vector<ExtractRule>& field) { Slot(root, "", key) = field; }
};

// Reads them back; json throws on a missing key or a wrong type, and `error` says what else is wrong.
struct Reader {
  const json& root;
  std::string error;
  template <typename Rule>
  void Text(std::string_view table, std::string_view key, std::string& field, Rule) {
    Slot(root, table, key).get_to(field);
  }
  template <typename Rule>
  void List(std::string_view table, std::string_view key, std::vector<std::string>& field, Rule) {
    Slot(root, table, key).get_to(field);
  }
  // Only an integer that fits: json converts a float or a too large number by a cast, which is undefined
  // behaviour past the type's range (found by fuzz/ipc_fuzzer: 2.06667e+22 for an int).
  template <typename T, typename Range>
  void Integer(std::string_view table, std::string_view key, T& field, Range) {
    const json& value = Slot(root, table, key);
    bool fits = false;
    if (value.is_number_unsigned()) {
      fits = value.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max());
    } else if (value.is_number_integer()) {
      const std::int64_t v = value.get<std::int64_t>();
      fits = std::numeric_limits<T>::is_signed ? v >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
                                                     v <= static_cast<std::int64_t>(std::numeric_limits<T>::max())
                                               : v >= 0;
    }
    if (!fits) {
      if (error.empty()) error = std::string(key) + ": expected an integer that fits, got " + value.dump();
      return;
    }
    value.get_to(field);
  }
  void Seconds(std::string_view table, std::string_view key, double& field) { Slot(root, table, key).get_to(field); }
  void Number(std::string_view table, std::string_view key, double& field) { Slot(root, table, key).get_to(field); }
  void Flag(std::string_view table, std::string_view key, bool& field) { Slot(root, table, key).get_to(field); }
  void Rules(std::string_view key, std::vector<ExtractRule>& field) { Slot(root, "", key).get_to(field); }
};

}  // namespace

std::string ConfigToJson(const Config& config) {
  Writer writer;
  VisitConfigFields(writer, config);
  writer.root["worker_executable"] = config.worker_executable;
  return writer.root.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Config> ConfigFromJson(std::string_view text) {
  try {
    json root = json::parse(text);
    Config config;
    Reader reader{root, {}};
    VisitConfigFields(reader, config);
    if (!reader.error.empty()) return Status::ProtocolError("settings from the coordinator: " + reader.error);
    root.at("worker_executable").get_to(config.worker_executable);
    return config;
  } catch (const json::exception& e) {
    return Status::ProtocolError(std::string("settings from the coordinator: ") + e.what());
  }
}

namespace {

// Lists the keys whose values differ between two ConfigToJson objects (ConfigDifferences).
struct DifferenceLister {
  const json& old_root;
  const json& new_root;
  std::vector<std::string>& changed;

  void Check(std::string_view table, std::string_view key) {
    if (table.empty() && key == "job") return;
    const json* a = Find(old_root, table, key);
    const json* b = Find(new_root, table, key);
    if ((a == nullptr) != (b == nullptr) || (a != nullptr && *a != *b)) {
      changed.push_back(table.empty() ? std::string(key) : std::string(table) + "." + std::string(key));
    }
  }
  static const json* Find(const json& root, std::string_view table, std::string_view key) {
    const json* t = &root;
    if (!table.empty()) {
      auto it = root.find(std::string(table));
      if (it == root.end()) return nullptr;
      t = &*it;
    }
    auto it = t->find(std::string(key));
    return it == t->end() ? nullptr : &*it;
  }
  template <typename Field, typename Rule>
  void Text(std::string_view table, std::string_view key, const Field&, Rule) { Check(table, key); }
  template <typename Field, typename Rule>
  void List(std::string_view table, std::string_view key, const Field&, Rule) { Check(table, key); }
  template <typename Field, typename Range>
  void Integer(std::string_view table, std::string_view key, const Field&, Range) { Check(table, key); }
  template <typename Field>
  void Seconds(std::string_view table, std::string_view key, const Field&) { Check(table, key); }
  template <typename Field>
  void Number(std::string_view table, std::string_view key, const Field&) { Check(table, key); }
  template <typename Field>
  void Flag(std::string_view table, std::string_view key, const Field&) { Check(table, key); }
  template <typename Field>
  void Rules(std::string_view key, const Field&) { Check("", key); }
};

}  // namespace

std::vector<std::string> ConfigDifferences(std::string_view before, std::string_view after) {
  const json old_root = json::parse(before, nullptr, /*allow_exceptions=*/false);
  const json new_root = json::parse(after, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> changed;
  if (!old_root.is_object() || !new_root.is_object()) return changed;
  DifferenceLister lister{old_root, new_root, changed};
  const Config defaults;
  VisitConfigFields(lister, defaults);
  return changed;
}

}  // namespace arachne
