#include "ipc/config_json.h"

#include <nlohmann/json.hpp>

namespace arachne {

using nlohmann::json;

std::string ConfigToJson(const Config& c) {
  json j = {
      {"name", c.name},
      {"seeds", c.seeds},
      {"scope",
       {{"allowed_domains", c.scope.allowed_domains},
        {"allow", c.scope.allow},
        {"deny", c.scope.deny},
        {"max_depth", c.scope.max_depth},
        {"max_pages", c.scope.max_pages}}},
      {"fetch",
       {{"user_agent", c.fetch.user_agent},
        {"timeout_s", c.fetch.timeout_s},
        {"connect_timeout_s", c.fetch.connect_timeout_s},
        {"max_body_bytes", c.fetch.max_body_bytes},
        {"concurrency", c.fetch.concurrency}}},
      {"politeness", {{"max_per_host", c.politeness.max_per_host}, {"delay_ms", c.politeness.delay_ms}}},
      {"workers", {{"fetchers", c.workers.fetchers}, {"parsers", c.workers.parsers}}},
      {"output", {{"dir", c.output.dir}, {"formats", c.output.formats}}},
      {"worker_executable", c.worker_executable},
  };
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Config> ConfigFromJson(std::string_view text) {
  try {
    json j = json::parse(text);
    Config c;
    j.at("name").get_to(c.name);
    j.at("seeds").get_to(c.seeds);
    const json& scope = j.at("scope");
    scope.at("allowed_domains").get_to(c.scope.allowed_domains);
    scope.at("allow").get_to(c.scope.allow);
    scope.at("deny").get_to(c.scope.deny);
    scope.at("max_depth").get_to(c.scope.max_depth);
    scope.at("max_pages").get_to(c.scope.max_pages);
    const json& fetch = j.at("fetch");
    fetch.at("user_agent").get_to(c.fetch.user_agent);
    fetch.at("timeout_s").get_to(c.fetch.timeout_s);
    fetch.at("connect_timeout_s").get_to(c.fetch.connect_timeout_s);
    fetch.at("max_body_bytes").get_to(c.fetch.max_body_bytes);
    fetch.at("concurrency").get_to(c.fetch.concurrency);
    j.at("politeness").at("max_per_host").get_to(c.politeness.max_per_host);
    j.at("politeness").at("delay_ms").get_to(c.politeness.delay_ms);
    j.at("workers").at("fetchers").get_to(c.workers.fetchers);
    j.at("workers").at("parsers").get_to(c.workers.parsers);
    j.at("output").at("dir").get_to(c.output.dir);
    j.at("output").at("formats").get_to(c.output.formats);
    j.at("worker_executable").get_to(c.worker_executable);
    return c;
  } catch (const json::exception& e) {
    return Status::ProtocolError(std::string("settings from the coordinator: ") + e.what());
  }
}

}  // namespace arachne
