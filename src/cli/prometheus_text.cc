#include "cli/prometheus_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>

namespace arachne {

namespace {

using Label = std::pair<std::string_view, std::string_view>;

// Label values escape backslash, double quote and line feed (exposition formats, "Text format details").
std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

// Values are read with Go's strconv.ParseFloat, which spells the special values "NaN", "+Inf" and "-Inf".
// std::to_chars gives the shortest text that reads back to the same double, whatever the locale.
std::string FormatDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char text[64];
  const std::to_chars_result end = std::to_chars(text, text + sizeof text, value);
  return std::string(text, end.ptr);
}

// Writes the families one after the other; a sample always belongs to the family opened last, so that
// the TYPE line comes before the family's first sample and its samples stay together, as the format
// requires.
class Exposition {
 public:
  // HELP text must not hold a backslash or a line feed unescaped; the texts here are constants without
  // either.
  void Family(std::string_view name, std::string_view type, std::string_view help) {
    name_ = name;
    text_.append("# HELP ").append(name).append(" ").append(help).append("\n");
    text_.append("# TYPE ").append(name).append(" ").append(type).append("\n");
  }

  void Sample(std::initializer_list<Label> labels, std::string_view value) {
    text_.append(name_);
    if (labels.size() > 0) {
      text_ += '{';
      bool first = true;
      for (const Label& label : labels) {
        if (!first) text_ += ',';
        text_.append(label.first).append("=\"").append(EscapeLabelValue(label.second)).append("\"");
        first = false;
      }
      text_ += '}';
    }
    text_.append(" ").append(value).append("\n");
  }
  void Sample(std::initializer_list<Label> labels, std::uint64_t value) {
    Sample(labels, std::to_string(value));
  }
  void Sample(std::initializer_list<Label> labels, double value) { Sample(labels, FormatDouble(value)); }

  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
  std::string name_;
};

void Counter(Exposition& out, std::string_view name, std::string_view help, std::uint64_t value) {
  out.Family(name, "counter", help);
  out.Sample({}, value);
}

void Gauge(Exposition& out, std::string_view name, std::string_view help, std::uint64_t value) {
  out.Family(name, "gauge", help);
  out.Sample({}, value);
}

void Gauge(Exposition& out, std::string_view name, std::string_view help, double value) {
  out.Family(name, "gauge", help);
  out.Sample({}, value);
}

void ByStatus(Exposition& out, const Progress& p) {
  out.Family("arachne_pages_by_status_total", "counter",
             "Records produced so far, by HTTP status; status 0: no response.");
  for (const auto& entry : p.by_status) {
    out.Sample({{"status", std::to_string(entry.first)}}, entry.second);
  }
}

void ErrorsByKind(Exposition& out, const Progress& p) {
  out.Family("arachne_errors_by_kind_total", "counter",
             "Records with a fetch error so far, by kind of error.");
  for (const auto& entry : p.errors_by_kind) out.Sample({{"kind", entry.first}}, entry.second);
}

// One family per field of ProcessState, each with a sample per process labelled by its slot name, which
// stays the same across restarts (the pid does not, so it is no label).
void Processes(Exposition& out, const Progress& p) {
  out.Family("arachne_process_in_flight", "gauge",
             "Transfers a fetcher runs, or pages handed to a parser (0 or 1).");
  for (const ProcessState& s : p.processes) out.Sample({{"process", s.name}, {"role", s.role}}, s.in_flight);
  out.Family("arachne_process_busy", "gauge",
             "1 while a fetcher has transfers in flight or a parser is parsing, else 0.");
  for (const ProcessState& s : p.processes) {
    out.Sample({{"process", s.name}, {"role", s.role}}, std::uint64_t{s.busy ? 1u : 0u});
  }
  out.Family("arachne_process_busy_ratio", "gauge",
             "Share of the last few seconds the process was busy, 0 to 1.");
  for (const ProcessState& s : p.processes) out.Sample({{"process", s.name}, {"role", s.role}}, s.busy_share);
  out.Family("arachne_process_done_total", "counter",
             "Fetches reported by a fetcher, or pages parsed by a parser; starts again at 0 when the process "
             "is restarted.");
  for (const ProcessState& s : p.processes) out.Sample({{"process", s.name}, {"role", s.role}}, s.done);
}

}  // namespace

std::string PrometheusText(const Progress& p) {
  Exposition out;
  Counter(out, "arachne_pages_total", "Records produced so far, fetch errors included.", p.pages);
  ByStatus(out, p);
  Counter(out, "arachne_errors_total", "Records with a fetch error (no HTTP response) so far.", p.errors);
  ErrorsByKind(out, p);
  Counter(out, "arachne_bytes_total", "Body bytes received so far.", p.bytes);
  Counter(out, "arachne_retries_total", "Fetches tried again so far.", p.retries);
  Counter(out, "arachne_worker_restarts_total", "Fetcher and parser processes restarted so far.", p.restarts);
  Counter(out, "arachne_urls_discovered_total", "Distinct URLs queued so far, seeds included.", p.discovered);
  Gauge(out, "arachne_queued_urls", "URLs waiting in the frontier.", p.queued);
  Gauge(out, "arachne_in_flight_urls", "URLs handed to fetchers or parsers and not yet recorded.",
        p.in_flight);
  Gauge(out, "arachne_pages_per_second", "Records produced per second over the last few seconds.",
        p.pages_per_s);
  Gauge(out, "arachne_elapsed_seconds", "Seconds since the crawl started.", p.elapsed_s);
  Processes(out, p);
  return out.Take();
}

}  // namespace arachne
