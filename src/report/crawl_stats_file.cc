#include "report/crawl_stats_file.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "report/input_file.h"

namespace arachne::report {

namespace {

using json = nlohmann::json;

// "totals" + "pages" -> "totals.pages"; "" + "name" -> "name".
std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string At(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// "a string", "an array" ...: what was found where something else was expected.
std::string Found(const json& value) {
  const std::string type = value.type_name();
  const bool vowel = type.find_first_of("aeiou") == 0;
  return std::string(vowel ? "an " : "a ") + type;
}

// Reads values out of the parsed file, keeping the first problem it meets; after one, reads do nothing, so
// a section can read all its keys and check once at the end.
class StatsReader {
 public:
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  void Fail(const std::string& path, const std::string& problem) {
    if (error_.empty()) error_ = "key \"" + path + "\": " + problem;
  }

  // The value at `key` of the object `object` (at `path`), or nullptr after recording why there is none.
  const json* Member(const json& object, const std::string& path, std::string_view key) {
    if (failed()) return nullptr;
    if (!object.is_object()) {
      Fail(path, "expected an object, found " + Found(object));
      return nullptr;
    }
    const auto it = object.find(std::string(key));
    if (it == object.end()) {
      if (error_.empty()) error_ = "missing key \"" + Join(path, key) + "\"";
      return nullptr;
    }
    return &*it;
  }

  // The member `key` if it is of the kind `is` checks, else nullptr after recording what was expected.
  template <typename Check>
  const json* Typed(const json& object, const std::string& path, std::string_view key, Check is,
                    const char* expected) {
    const json* value = Member(object, path, key);
    if (value == nullptr) return nullptr;
    if (!is(*value)) {
      Fail(Join(path, key), std::string("expected ") + expected + ", found " + Found(*value));
      return nullptr;
    }
    return value;
  }

  void Text(const json& object, const std::string& path, std::string_view key, std::string& out) {
    const json* value = Typed(
        object, path, key, [](const json& v) { return v.is_string(); }, "a string");
    if (value != nullptr) out = value->get<std::string>();
  }

  void Count(const json& value, const std::string& path, std::uint64_t& out) {
    if (failed()) return;
    if (!value.is_number_unsigned()) {
      Fail(path, "expected a whole number >= 0, found " + DescribeNumber(value));
      return;
    }
    out = value.get<std::uint64_t>();
  }

  void Count(const json& object, const std::string& path, std::string_view key, std::uint64_t& out) {
    if (const json* value = Member(object, path, key)) Count(*value, Join(path, key), out);
  }

  // A time or a duration: a finite number >= 0 (JSON has no NaN, but 1e999 parses as infinity).
  void NonNegative(const json& value, const std::string& path, double& out) {
    if (failed()) return;
    if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0) {
      Fail(path, "expected a number >= 0, found " + DescribeNumber(value));
      return;
    }
    out = value.get<double>();
  }

  void NonNegative(const json& object, const std::string& path, std::string_view key, double& out) {
    if (const json* value = Member(object, path, key)) NonNegative(*value, Join(path, key), out);
  }

  // As NonNegative, with null read as 0: the statistics of no fetch at all.
  void NonNegativeOrNull(const json& object, const std::string& path, std::string_view key, double& out) {
    const json* value = Member(object, path, key);
    if (value == nullptr) return;
    if (value->is_null()) {
      out = 0;
      return;
    }
    NonNegative(*value, Join(path, key), out);
  }

  // An array, or nullptr after recording that it is something else.
  const json* Array(const json& object, const std::string& path, std::string_view key) {
    return Typed(
        object, path, key, [](const json& v) { return v.is_array(); }, "an array");
  }

 private:
  // A wrong number is shown ("-3"), another kind is named ("a string").
  static std::string DescribeNumber(const json& value) {
    return value.is_number() ? value.dump() : Found(value);
  }

  std::string error_;
};

// The keys of `by_status` and `by_depth` are decimal integers within [0, max].
bool ParseKey(const std::string& key, int max, int& out) {
  const char* end = key.data() + key.size();
  const auto [rest, error] = std::from_chars(key.data(), end, out);
  return error == std::errc() && rest == end && !key.empty() && out >= 0 && out <= max;
}

void ReadHeader(StatsReader& r, const json& root, CrawlStatsFile& stats) {
  r.Text(root, "", "name", stats.name);
  r.Text(root, "", "state", stats.state);
  r.Text(root, "", "started_at", stats.started_at);
  r.Text(root, "", "updated_at", stats.updated_at);
  r.NonNegative(root, "", "elapsed_s", stats.elapsed_s);
}

void ReadTotals(StatsReader& r, const json& root, CrawlTotals& t) {
  const json* totals = r.Member(root, "", "totals");
  if (totals == nullptr) return;
  const std::string path = "totals";
  r.Count(*totals, path, "pages", t.pages);
  r.Count(*totals, path, "errors", t.errors);
  r.Count(*totals, path, "bytes", t.bytes);
  r.Count(*totals, path, "queued", t.queued);
  r.Count(*totals, path, "in_flight", t.in_flight);
  r.Count(*totals, path, "discovered", t.discovered);
  r.Count(*totals, path, "retries", t.retries);
  r.Count(*totals, path, "restarts", t.restarts);
  r.Count(*totals, path, "out_of_scope", t.out_of_scope);
  r.Count(*totals, path, "robots_disallowed", t.robots_disallowed);
}

// An object of counts by a text key: by_error, by_content_type.
void ReadCountsByText(StatsReader& r, const json& root, const char* key,
                      std::map<std::string, std::uint64_t>& out) {
  const json* object = r.Typed(
      root, "", key, [](const json& v) { return v.is_object(); }, "an object");
  if (object == nullptr) return;
  for (const auto& item : object->items()) r.Count(item.value(), Join(key, item.key()), out[item.key()]);
}

// An object of counts by an integer key: by_status (an HTTP status, RFC 9110 15: three digits) and
// by_depth.
void ReadCountsByNumber(StatsReader& r, const json& root, const char* key, int max,
                        std::map<int, std::uint64_t>& out) {
  const json* object = r.Typed(
      root, "", key, [](const json& v) { return v.is_object(); }, "an object");
  if (object == nullptr) return;
  for (const auto& item : object->items()) {
    int number = 0;
    if (!ParseKey(item.key(), max, number)) {
      r.Fail(Join(key, item.key()), "expected a key from 0 to " + std::to_string(max));
      return;
    }
    r.Count(item.value(), Join(key, item.key()), out[number]);
  }
}

void ReadHosts(StatsReader& r, const json& root, std::vector<HostCount>& out) {
  const json* hosts = r.Array(root, "", "by_host");
  if (hosts == nullptr) return;
  for (std::size_t i = 0; i < hosts->size() && !r.failed(); ++i) {
    const std::string path = At("by_host", i);
    HostCount& host = out.emplace_back();
    r.Text((*hosts)[i], path, "host", host.host);
    r.Count((*hosts)[i], path, "pages", host.pages);
    r.Count((*hosts)[i], path, "errors", host.errors);
    r.Count((*hosts)[i], path, "bytes", host.bytes);
  }
}

void ReadTimings(StatsReader& r, const json& root, FetchTimes& out) {
  const json* timings = r.Member(root, "", "timings");
  if (timings == nullptr) return;
  const json* fetch = r.Member(*timings, "timings", "fetch_ms");
  if (fetch == nullptr) return;
  const std::string path = "timings.fetch_ms";
  r.Count(*fetch, path, "count", out.count);
  r.NonNegativeOrNull(*fetch, path, "mean", out.mean);
  r.NonNegativeOrNull(*fetch, path, "p50", out.p50);
  r.NonNegativeOrNull(*fetch, path, "p90", out.p90);
  r.NonNegativeOrNull(*fetch, path, "p99", out.p99);
  r.NonNegativeOrNull(*fetch, path, "max", out.max);
}

void ReadThroughput(StatsReader& r, const json& root, std::vector<ThroughputPoint>& out) {
  const json* points = r.Array(root, "", "throughput");
  if (points == nullptr) return;
  for (std::size_t i = 0; i < points->size() && !r.failed(); ++i) {
    ThroughputPoint& point = out.emplace_back();
    r.NonNegative((*points)[i], At("throughput", i), "t", point.t);
    r.Count((*points)[i], At("throughput", i), "pages", point.pages);
  }
}

void ReadSlowest(StatsReader& r, const json& root, std::vector<SlowFetch>& out) {
  const json* fetches = r.Array(root, "", "slowest");
  if (fetches == nullptr) return;
  for (std::size_t i = 0; i < fetches->size() && !r.failed(); ++i) {
    const std::string path = At("slowest", i);
    SlowFetch& fetch = out.emplace_back();
    r.Text((*fetches)[i], path, "url", fetch.url);
    r.NonNegative((*fetches)[i], path, "fetch_ms", fetch.fetch_ms);
    std::uint64_t status = 0;
    r.Count((*fetches)[i], path, "status", status);
    if (status > 999) r.Fail(Join(path, "status"), "expected an HTTP status from 0 to 999");
    fetch.status = static_cast<int>(status);
  }
}

// A busy span: [start, end], seconds, start <= end.
void ReadSpan(StatsReader& r, const json& value, const std::string& path, BusySpan& out) {
  if (!value.is_array() || value.size() != 2) {
    r.Fail(path, "expected [start, end] in seconds, found " + value.dump());
    return;
  }
  r.NonNegative(value[0], At(path, 0), out.start_s);
  r.NonNegative(value[1], At(path, 1), out.end_s);
  if (!r.failed() && out.end_s < out.start_s) r.Fail(path, "the span ends before it starts: " + value.dump());
}

void ReadProcess(StatsReader& r, const json& value, const std::string& path, ProcessActivity& out) {
  r.Text(value, path, "name", out.name);
  r.Text(value, path, "role", out.role);
  if (const json* pid = r.Typed(
          value, path, "pid", [](const json& v) { return v.is_number_integer(); }, "an integer")) {
    out.pid = pid->get<std::int64_t>();
  }
  r.NonNegative(value, path, "started_s", out.started_s);
  if (const json* ended = r.Member(value, path, "ended_s"); ended != nullptr && !ended->is_null()) {
    out.ended_s = 0;
    r.NonNegative(*ended, Join(path, "ended_s"), *out.ended_s);
  }
  const json* busy = r.Array(value, path, "busy");
  if (busy == nullptr) return;
  const std::string busy_path = Join(path, "busy");
  for (std::size_t i = 0; i < busy->size() && !r.failed(); ++i) {
    ReadSpan(r, (*busy)[i], At(busy_path, i), out.busy.emplace_back());
  }
}

void ReadProcesses(StatsReader& r, const json& root, std::vector<ProcessActivity>& out) {
  const json* processes = r.Array(root, "", "processes");
  if (processes == nullptr) return;
  for (std::size_t i = 0; i < processes->size() && !r.failed(); ++i) {
    ReadProcess(r, (*processes)[i], At("processes", i), out.emplace_back());
  }
}

// The "format" key first: a file of another kind or version is refused as such, not for its other keys.
Status CheckFormat(const json& root, const std::string& source) {
  if (!root.is_object()) {
    return Status::InvalidArgument(source + ": not a stats file: expected a JSON object, found " +
                                   Found(root));
  }
  const auto format = root.find("format");
  if (format == root.end()) {
    return Status::InvalidArgument(source + ": not a stats file: no \"format\" key (expected \"" +
                                   std::string(kStatsFormat) + "\")");
  }
  if (!format->is_string() || format->get<std::string>() != kStatsFormat) {
    return Status::InvalidArgument(source + ": format " + format->dump() + " is not \"" + kStatsFormat +
                                   "\" (a file of another kind, or of another version of Arachne)");
  }
  return Status::Ok();
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string ErrorText(const json::exception& e) {
  const std::string what = e.what();
  const std::size_t end = what.find("] ");
  return end == std::string::npos ? what : what.substr(end + 2);
}

}  // namespace

Result<CrawlStatsFile> ParseCrawlStats(std::string_view text, const std::string& source) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::InvalidArgument(source + ": not JSON: the file is empty");
  }
  json root;
  // The one place the JSON library throws; its exception does not leave this function.
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {
    // A syntax error, or a number too large for a double (out_of_range.406).
    return Status::InvalidArgument(source + ": not JSON: " + ErrorText(e));
  }
  if (Status format = CheckFormat(root, source); !format.ok()) return format;

  StatsReader r;
  CrawlStatsFile stats;
  ReadHeader(r, root, stats);
  ReadTotals(r, root, stats.totals);
  ReadCountsByNumber(r, root, "by_status", 999, stats.by_status);
  ReadCountsByText(r, root, "by_error", stats.by_error);
  ReadCountsByText(r, root, "by_content_type", stats.by_content_type);
  ReadCountsByNumber(r, root, "by_depth", 1'000'000, stats.by_depth);
  ReadHosts(r, root, stats.by_host);
  ReadTimings(r, root, stats.fetch_ms);
  ReadThroughput(r, root, stats.throughput);
  ReadSlowest(r, root, stats.slowest);
  ReadProcesses(r, root, stats.processes);
  if (r.failed()) return Status::InvalidArgument(source + ": " + r.error());
  return stats;
}

Result<CrawlStatsFile> ReadCrawlStatsFile(const std::string& path) {
  Result<std::string> text = ReadInputFile(path);
  if (!text.ok()) return text.status();
  return ParseCrawlStats(*text, path);
}

}  // namespace arachne::report
