#include "config/config_json.h"

#include <nlohmann/json.hpp>

#include "config/config_fields.h"

namespace arachne {

using nlohmann::json;

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
};

// Reads them back; json throws on a missing key or a wrong type.
struct Reader {
  const json& root;
  template <typename Rule>
  void Text(std::string_view table, std::string_view key, std::string& field, Rule) {
    Slot(root, table, key).get_to(field);
  }
  template <typename Rule>
  void List(std::string_view table, std::string_view key, std::vector<std::string>& field, Rule) {
    Slot(root, table, key).get_to(field);
  }
  template <typename T, typename Range>
  void Integer(std::string_view table, std::string_view key, T& field, Range) {
    Slot(root, table, key).get_to(field);
  }
  void Seconds(std::string_view table, std::string_view key, double& field) { Slot(root, table, key).get_to(field); }
  void Number(std::string_view table, std::string_view key, double& field) { Slot(root, table, key).get_to(field); }
  void Flag(std::string_view table, std::string_view key, bool& field) { Slot(root, table, key).get_to(field); }
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
    Reader reader{root};
    VisitConfigFields(reader, config);
    root.at("worker_executable").get_to(config.worker_executable);
    return config;
  } catch (const json::exception& e) {
    return Status::ProtocolError(std::string("settings from the coordinator: ") + e.what());
  }
}

}  // namespace arachne
