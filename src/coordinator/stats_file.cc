#include "coordinator/stats_file.h"

#include <nlohmann/json.hpp>

#include "common/utc_timestamp.h"

namespace arachne {

namespace {

using nlohmann::json;

json Processes(const std::vector<const ProcessTimeline*>& processes, double now_s) {
  json list = json::array();
  for (const ProcessTimeline* p : processes) {
    json busy = json::array();
    for (const auto& [start, end] : p->Intervals(now_s)) busy.push_back({start, end});
    list.push_back({{"name", p->name()},
                    {"role", p->role()},
                    {"pid", p->pid()},
                    {"started_s", p->started_s()},
                    {"ended_s", p->ended_s() ? json(*p->ended_s()) : json(nullptr)},
                    {"busy", std::move(busy)}});
  }
  return list;
}

}  // namespace

std::string StatsJson(const StatsSnapshot& s) {
  const Progress& p = *s.progress;
  json root;
  root["format"] = "arachne-stats/1";
  root["name"] = s.name;
  root["state"] = s.state;
  root["started_at"] = UtcTimestamp(s.started_unix_s * 1000, false);
  root["updated_at"] = UtcTimestamp(s.now_unix_s * 1000, false);
  root["elapsed_s"] = s.elapsed_s;
  root["totals"] = {{"pages", p.pages},
                    {"errors", p.errors},
                    {"bytes", p.bytes},
                    {"queued", p.queued},
                    {"in_flight", p.in_flight},
                    {"discovered", p.discovered},
                    {"retries", p.retries},
                    {"restarts", p.restarts},
                    {"out_of_scope", s.summary->out_of_scope},
                    {"robots_disallowed", s.summary->robots_disallowed}};
  json& by_status = root["by_status"] = json::object();
  for (const auto& [status, n] : p.by_status) by_status[std::to_string(status)] = n;
  json& by_error = root["by_error"] = json::object();
  for (const auto& [kind, n] : p.errors_by_kind) by_error[kind] = n;
  s.breakdown->AddTo(root);
  root["processes"] = Processes(s.processes, s.elapsed_s);
  // URLs and content types come from the web: ill-formed UTF-8 becomes U+FFFD rather than an exception.
  return root.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace arachne
