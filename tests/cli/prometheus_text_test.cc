#include "cli/prometheus_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <limits>
#include <locale>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace arachne {
namespace {

// What the checker learnt from a text: the families in order, with their type and their samples' lines.
struct Family {
  std::string type;
  std::string help;
  std::vector<std::string> samples;
};

struct Exposition {
  std::vector<std::string> errors;  // empty when the text follows the format
  std::vector<std::string> order;   // family names as they appear
  std::map<std::string, Family> families;
};

const std::regex kMetricName("[a-zA-Z_:][a-zA-Z0-9_:]*");
const std::regex kLabelName("[a-zA-Z_][a-zA-Z0-9_]*");
// Go's strconv.ParseFloat as Prometheus reads values, without the spellings this exporter never writes
// (hexadecimal, "Infinity", lower case).
const std::regex kValue("NaN|[+-]Inf|[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

// Reads the label set "{name="value",...}" at text[pos] (just after the '{'); returns the position after
// the '}', or npos with an error.
std::size_t ReadLabels(std::string_view text, std::size_t pos, std::string& error) {
  std::set<std::string> seen;
  while (pos < text.size() && text[pos] != '}') {
    const std::size_t eq = text.find('=', pos);
    if (eq == std::string_view::npos) return error = "label without '='", std::string_view::npos;
    const std::string name(text.substr(pos, eq - pos));
    if (!std::regex_match(name, kLabelName))
      return error = "bad label name '" + name + "'", std::string_view::npos;
    if (!seen.insert(name).second) return error = "label '" + name + "' twice", std::string_view::npos;
    pos = eq + 1;
    if (pos >= text.size() || text[pos] != '"')
      return error = "label value not quoted", std::string_view::npos;
    for (++pos; pos < text.size() && text[pos] != '"'; ++pos) {
      if (text[pos] == '\n') return error = "raw line feed in a label value", std::string_view::npos;
      if (text[pos] != '\\') continue;
      ++pos;
      if (pos >= text.size() || (text[pos] != '\\' && text[pos] != '"' && text[pos] != 'n')) {
        return error = "bad escape in a label value", std::string_view::npos;
      }
    }
    if (pos >= text.size()) return error = "unterminated label value", std::string_view::npos;
    ++pos;
    if (pos < text.size() && text[pos] == ',') ++pos;
  }
  if (pos >= text.size()) return error = "unterminated label set", std::string_view::npos;
  return pos + 1;
}

// "# HELP name text" or "# TYPE name type"; other comments are allowed and ignored.
void CheckComment(const std::string& line, Exposition& out) {
  std::smatch m;
  static const std::regex kHelp("# HELP ([^ ]+) (.*)");
  static const std::regex kType("# TYPE ([^ ]+) (counter|gauge|histogram|summary|untyped)");
  if (std::regex_match(line, m, kHelp)) {
    Family& family = out.families[m[1]];
    if (!family.help.empty()) out.errors.push_back("second HELP for " + m[1].str());
    if (!family.samples.empty()) out.errors.push_back("HELP after the samples of " + m[1].str());
    family.help = m[2];
    if (family.type.empty()) out.order.push_back(m[1]);
    return;
  }
  if (std::regex_match(line, m, kType)) {
    Family& family = out.families[m[1]];
    if (!family.type.empty()) out.errors.push_back("second TYPE for " + m[1].str());
    if (!family.samples.empty()) out.errors.push_back("TYPE after the samples of " + m[1].str());
    if (family.help.empty()) out.order.push_back(m[1]);
    family.type = m[2];
    return;
  }
  if (line.rfind("# HELP", 0) == 0 || line.rfind("# TYPE", 0) == 0) out.errors.push_back("bad line: " + line);
}

void CheckSample(const std::string& line, const std::string& last_family, Exposition& out) {
  const std::size_t name_end = line.find_first_of("{ ");
  const std::string name = line.substr(0, name_end);
  if (!std::regex_match(name, kMetricName)) return out.errors.push_back("bad metric name: " + line);
  std::size_t pos = name_end;
  if (pos != std::string::npos && line[pos] == '{') {
    std::string error;
    pos = ReadLabels(line, pos + 1, error);
    if (pos == std::string::npos) return out.errors.push_back(error + ": " + line);
  }
  if (pos == std::string::npos || line[pos] != ' ') return out.errors.push_back("no value: " + line);
  if (!std::regex_match(line.substr(pos + 1), kValue)) return out.errors.push_back("bad value: " + line);
  auto family = out.families.find(name);
  if (family == out.families.end() || family->second.type.empty()) {
    return out.errors.push_back("sample before its TYPE: " + line);
  }
  if (name != last_family) return out.errors.push_back("sample away from its family: " + line);
  family->second.samples.push_back(line);
}

// Reads the whole text per the exposition format 0.0.4 ("Text format details"), noting every departure.
Exposition Check(const std::string& text) {
  Exposition out;
  if (!text.empty() && text.back() != '\n') out.errors.push_back("last line without a line feed");
  std::string last_family;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    if (line[0] == '#') {
      CheckComment(line, out);
      if (!out.order.empty()) last_family = out.order.back();
      continue;
    }
    CheckSample(line, last_family, out);
  }
  for (const auto& [name, family] : out.families) {
    if (family.type.empty()) out.errors.push_back("no TYPE for " + name);
    if (family.help.empty()) out.errors.push_back("no HELP for " + name);
  }
  return out;
}

Progress Busy() {
  Progress p;
  p.pages = 1234;
  p.errors = 3;
  p.queued = 5678;
  p.in_flight = 64;
  p.bytes = 12'400'000;
  p.retries = 5;
  p.restarts = 1;
  p.elapsed_s = 3.5;
  p.pages_per_s = 412.25;
  p.discovered = 7000;
  p.by_status = {{0, 3}, {200, 1200}, {404, 31}};
  p.errors_by_kind = {{"dns", 1}, {"timeout", 2}};
  p.processes = {{"fetcher 0", "fetcher", 101, 12, true, 0.75, 900},
                 {"parser 0", "parser", 102, 0, false, 0, 880}};
  return p;
}

TEST(FormatChecker, CatchesDeparturesFromTheFormat) {
  // The checker itself must fail on broken texts, or the tests below would prove nothing.
  EXPECT_THAT(Check("a 1").errors, testing::Contains(testing::HasSubstr("line feed")));
  EXPECT_THAT(Check("a 1\n").errors, testing::Contains(testing::HasSubstr("before its TYPE")));
  EXPECT_THAT(Check("# TYPE a gauge\n1a 1\n").errors,
              testing::Contains(testing::HasSubstr("bad metric name")));
  EXPECT_THAT(Check("# TYPE a gauge\na{1x=\"v\"} 1\n").errors,
              testing::Contains(testing::HasSubstr("label name")));
  EXPECT_THAT(Check("# TYPE a gauge\na{x=\"\\t\"} 1\n").errors,
              testing::Contains(testing::HasSubstr("escape")));
  EXPECT_THAT(Check("# TYPE a gauge\na{x=\"v} 1\n").errors, testing::Not(testing::IsEmpty()));
  EXPECT_THAT(Check("# TYPE a gauge\na inf\n").errors, testing::Contains(testing::HasSubstr("bad value")));
  EXPECT_THAT(Check("# TYPE a gauge\n# TYPE b gauge\na 1\n").errors,
              testing::Contains(testing::HasSubstr("away")));
  EXPECT_THAT(Check("# HELP a x\n# TYPE a gauge\na 1\n").errors, testing::IsEmpty());
}

TEST(PrometheusText, FollowsTheExpositionFormat) {
  for (const Progress& p : {Progress{}, Busy()}) {
    const Exposition text = Check(PrometheusText(p));
    EXPECT_THAT(text.errors, testing::IsEmpty());
  }
}

TEST(PrometheusText, GivesEveryFamilyHelpAndType) {
  const Exposition text = Check(PrometheusText(Busy()));
  EXPECT_THAT(text.order, testing::ElementsAre(
                              "arachne_pages_total", "arachne_pages_by_status_total", "arachne_errors_total",
                              "arachne_errors_by_kind_total", "arachne_bytes_total", "arachne_retries_total",
                              "arachne_worker_restarts_total", "arachne_urls_discovered_total",
                              "arachne_queued_urls", "arachne_in_flight_urls", "arachne_pages_per_second",
                              "arachne_elapsed_seconds", "arachne_process_in_flight", "arachne_process_busy",
                              "arachne_process_busy_ratio", "arachne_process_done_total"));
  for (const auto& [name, family] : text.families) {
    EXPECT_FALSE(family.help.empty()) << name;
    EXPECT_FALSE(family.samples.empty()) << name;
    // Counters, and only counters, end in _total (the naming best practice of Prometheus).
    const bool total = name.size() > 6 && name.compare(name.size() - 6, 6, "_total") == 0;
    EXPECT_EQ(family.type == "counter", total) << name;
    EXPECT_EQ(name.rfind("arachne_", 0), 0u) << name;
  }
}

TEST(PrometheusText, WritesExactLinesForASmallCrawl) {
  EXPECT_EQ(
      PrometheusText(Busy()),
      "# HELP arachne_pages_total Records produced so far, fetch errors included.\n"
      "# TYPE arachne_pages_total counter\n"
      "arachne_pages_total 1234\n"
      "# HELP arachne_pages_by_status_total Records produced so far, by HTTP status; status 0: no "
      "response.\n"
      "# TYPE arachne_pages_by_status_total counter\n"
      "arachne_pages_by_status_total{status=\"0\"} 3\n"
      "arachne_pages_by_status_total{status=\"200\"} 1200\n"
      "arachne_pages_by_status_total{status=\"404\"} 31\n"
      "# HELP arachne_errors_total Records with a fetch error (no HTTP response) so far.\n"
      "# TYPE arachne_errors_total counter\n"
      "arachne_errors_total 3\n"
      "# HELP arachne_errors_by_kind_total Records with a fetch error so far, by kind of error.\n"
      "# TYPE arachne_errors_by_kind_total counter\n"
      "arachne_errors_by_kind_total{kind=\"dns\"} 1\n"
      "arachne_errors_by_kind_total{kind=\"timeout\"} 2\n"
      "# HELP arachne_bytes_total Body bytes received so far.\n"
      "# TYPE arachne_bytes_total counter\n"
      "arachne_bytes_total 12400000\n"
      "# HELP arachne_retries_total Fetches tried again so far.\n"
      "# TYPE arachne_retries_total counter\n"
      "arachne_retries_total 5\n"
      "# HELP arachne_worker_restarts_total Fetcher and parser processes restarted so far.\n"
      "# TYPE arachne_worker_restarts_total counter\n"
      "arachne_worker_restarts_total 1\n"
      "# HELP arachne_urls_discovered_total Distinct URLs queued so far, seeds included.\n"
      "# TYPE arachne_urls_discovered_total counter\n"
      "arachne_urls_discovered_total 7000\n"
      "# HELP arachne_queued_urls URLs waiting in the frontier.\n"
      "# TYPE arachne_queued_urls gauge\n"
      "arachne_queued_urls 5678\n"
      "# HELP arachne_in_flight_urls URLs handed to fetchers or parsers and not yet recorded.\n"
      "# TYPE arachne_in_flight_urls gauge\n"
      "arachne_in_flight_urls 64\n"
      "# HELP arachne_pages_per_second Records produced per second over the last few seconds.\n"
      "# TYPE arachne_pages_per_second gauge\n"
      "arachne_pages_per_second 412.25\n"
      "# HELP arachne_elapsed_seconds Seconds since the crawl started.\n"
      "# TYPE arachne_elapsed_seconds gauge\n"
      "arachne_elapsed_seconds 3.5\n"
      "# HELP arachne_process_in_flight Transfers a fetcher runs, or pages handed to a parser (0 or 1).\n"
      "# TYPE arachne_process_in_flight gauge\n"
      "arachne_process_in_flight{process=\"fetcher 0\",role=\"fetcher\"} 12\n"
      "arachne_process_in_flight{process=\"parser 0\",role=\"parser\"} 0\n"
      "# HELP arachne_process_busy 1 while a fetcher has transfers in flight or a parser is parsing, else "
      "0.\n"
      "# TYPE arachne_process_busy gauge\n"
      "arachne_process_busy{process=\"fetcher 0\",role=\"fetcher\"} 1\n"
      "arachne_process_busy{process=\"parser 0\",role=\"parser\"} 0\n"
      "# HELP arachne_process_busy_ratio Share of the last few seconds the process was busy, 0 to 1.\n"
      "# TYPE arachne_process_busy_ratio gauge\n"
      "arachne_process_busy_ratio{process=\"fetcher 0\",role=\"fetcher\"} 0.75\n"
      "arachne_process_busy_ratio{process=\"parser 0\",role=\"parser\"} 0\n"
      "# HELP arachne_process_done_total Fetches reported by a fetcher, or pages parsed by a parser; starts "
      "again at 0 when the process is restarted.\n"
      "# TYPE arachne_process_done_total counter\n"
      "arachne_process_done_total{process=\"fetcher 0\",role=\"fetcher\"} 900\n"
      "arachne_process_done_total{process=\"parser 0\",role=\"parser\"} 880\n");
}

TEST(PrometheusText, KeepsTheFamiliesOfEmptyMaps) {
  const Exposition text = Check(PrometheusText(Progress{}));
  EXPECT_EQ(text.families.at("arachne_pages_by_status_total").type, "counter");
  EXPECT_THAT(text.families.at("arachne_pages_by_status_total").samples, testing::IsEmpty());
  EXPECT_THAT(text.families.at("arachne_process_busy").samples, testing::IsEmpty());
  EXPECT_THAT(text.families.at("arachne_pages_total").samples, testing::ElementsAre("arachne_pages_total 0"));
}

TEST(PrometheusText, EscapesLabelValues) {
  Progress p;
  p.errors_by_kind = {{"say \"no\"\\\nnow", 2}};
  p.processes = {{"fetcher \"0\"", "fetcher", 1, 0, false, 0, 0}};
  const std::string text = PrometheusText(p);
  EXPECT_THAT(text,
              testing::HasSubstr("arachne_errors_by_kind_total{kind=\"say \\\"no\\\"\\\\\\nnow\"} 2\n"));
  EXPECT_THAT(text,
              testing::HasSubstr("arachne_process_busy{process=\"fetcher \\\"0\\\"\",role=\"fetcher\"} 0\n"));
  EXPECT_THAT(Check(text).errors, testing::IsEmpty());
}

TEST(PrometheusText, WritesIntegersExactlyAndSpecialDoublesAsGoReadsThem) {
  Progress p;
  p.bytes = std::numeric_limits<std::uint64_t>::max();
  p.pages_per_s = std::numeric_limits<double>::quiet_NaN();
  p.elapsed_s = std::numeric_limits<double>::infinity();
  p.processes = {{"parser 0", "parser", 1, 0, false, -std::numeric_limits<double>::infinity(), 0}};
  const std::string text = PrometheusText(p);
  EXPECT_THAT(text, testing::HasSubstr("\narachne_bytes_total 18446744073709551615\n"));
  EXPECT_THAT(text, testing::HasSubstr("\narachne_pages_per_second NaN\n"));
  EXPECT_THAT(text, testing::HasSubstr("\narachne_elapsed_seconds +Inf\n"));
  EXPECT_THAT(
      text, testing::HasSubstr("\narachne_process_busy_ratio{process=\"parser 0\",role=\"parser\"} -Inf\n"));
  EXPECT_THAT(Check(text).errors, testing::IsEmpty());
}

// A decimal comma for every stream made after it is installed, as a German locale would give.
struct CommaNumpunct : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
};

TEST(PrometheusText, WritesDoublesWithADotWhateverTheLocale) {
  const std::locale before = std::locale::global(std::locale(std::locale::classic(), new CommaNumpunct));
  Progress p;
  p.pages_per_s = 0.1;
  p.elapsed_s = 1e21;
  const std::string text = PrometheusText(p);
  std::locale::global(before);
  EXPECT_THAT(text, testing::HasSubstr("\narachne_pages_per_second 0.1\n"));
  EXPECT_THAT(text, testing::HasSubstr("\narachne_elapsed_seconds 1e+21\n"));
}

}  // namespace
}  // namespace arachne
