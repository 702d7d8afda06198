#include "config/config_rules.h"

#include <unistd.h>

#include <array>
#include <charconv>
#include <climits>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>

#include "cluster/redis_endpoint.h"
#include "export/record_fields.h"
#include "extract/extraction_rules.h"
#include "scope/pattern_set.h"
#include "scope/scope.h"
#include "url/url.h"

namespace arachne {

namespace {

bool HasControlCharacter(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return true;
  }
  return false;
}

// Output files are <name>.jsonl and the like; NAME_MAX is 255 on Linux, so leave room for the extension.
constexpr std::size_t kMaxNameLength = 200;

constexpr std::array<std::string_view, 5> kFormats = {"jsonl", "csv", "json", "warc", "links"};

}  // namespace

std::string CheckInteger(std::int64_t value, IntegerRange range) {
  if (value >= range.min && value <= range.max) return "";
  const std::string got = ", got " + std::to_string(value);
  // A maximum that only keeps the value within its C++ type is not worth stating unless it was exceeded.
  const bool type_limit = range.max >= INT_MAX;
  if (!type_limit) return "expected " + std::to_string(range.min) + " to " + std::to_string(range.max) + got;
  if (value < range.min) return "expected " + std::to_string(range.min) + " or more" + got;
  return "expected at most " + std::to_string(range.max) + got;
}

namespace {
std::string CheckGreaterThanZero(double value, std::string_view what) {
  if (std::isfinite(value) && value > 0) return "";
  // Shortest round-trip form: "0", "-1.5", "inf", "nan", as the user would have written it.
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  const std::string got = ec == std::errc() ? std::string(buffer, end) : "?";
  return "expected " + std::string(what) + " greater than 0, got " + got;
}
}  // namespace

std::string CheckSeconds(double value) { return CheckGreaterThanZero(value, "a number of seconds"); }
std::string CheckPositive(double value) { return CheckGreaterThanZero(value, "a number"); }

std::string CheckName(std::string_view name) {
  const std::string quoted = "\"" + std::string(name) + "\"";
  if (name.empty()) return "expected a name for the output files, got an empty string";
  if (name == "." || name == "..") return "got " + quoted + ", which is not usable as a file name";
  if (name.find_first_of("/\\") != std::string_view::npos) {
    return "got " + quoted + "; it names the output files, so it may not contain '/' or '\\'";
  }
  if (HasControlCharacter(name)) return "may not contain control characters";
  if (name.size() > kMaxNameLength) {
    return "is " + std::to_string(name.size()) + " bytes long; at most " + std::to_string(kMaxNameLength);
  }
  return "";
}

std::string CheckSeedUrl(std::string_view url) {
  Result<Url> parsed = Url::Parse(url);
  if (!parsed.ok()) return parsed.status().message();
  if (!parsed->is_http()) return "'" + std::string(url) + "' is not an http or https URL";
  return "";
}

std::string CheckDomain(std::string_view domain) {
  Result<std::string> host = Scope::NormalizeDomain(domain);
  return host.ok() ? "" : host.status().message();
}

std::string CheckPattern(std::string_view pattern) {
  return PatternSet::Check(pattern).message();
}

std::string CheckFormat(std::string_view format) {
  for (std::string_view known : kFormats) {
    if (format == known) return "";
  }
  return "unknown output format \"" + std::string(format) + "\" (expected \"jsonl\", \"csv\", \"json\", \"warc\" or \"links\")";
}

std::string CheckHtmlParser(std::string_view parser) {
  if (parser == "scanner" || parser == "gumbo") return "";
  return "unknown HTML parser \"" + std::string(parser) + "\" (expected \"scanner\" or \"gumbo\")";
}

std::string CheckUserAgent(std::string_view user_agent) {
  if (user_agent.empty()) return "expected a User-Agent, got an empty string";
  if (HasControlCharacter(user_agent)) return "may not contain control characters (line breaks, tabs ...)";
  return "";
}

std::string CheckOutputDir(std::string_view dir) {
  if (dir.empty()) return "expected a folder, got an empty string (use \".\" for the current folder)";
  if (dir.find('\0') != std::string_view::npos) return "may not contain a NUL character";
  return "";
}

std::string CheckJobDir(std::string_view dir) {
  if (dir.find('\0') != std::string_view::npos) return "may not contain a NUL character";
  return "";
}

std::string CheckRedisUrl(std::string_view url) {
  if (url.empty()) return "";
  // The password may be in the environment: a user without one in the URL is not an error here.
  Result<RedisEndpoint> endpoint = ParseRedisUrl(url, "-");
  return endpoint.ok() ? "" : endpoint.status().message();
}

std::string CheckNodeName(std::string_view node) {
  if (node.size() > 64) return "is " + std::to_string(node.size()) + " bytes long; at most 64";
  for (char c : node) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      return "got \"" + std::string(node) + "\"; a node name may hold only letters, digits, '.', '_' and '-'";
    }
  }
  if (node == "." || node == "..") return "got \"" + std::string(node) + "\", which is not usable in a file name";
  return "";
}

std::string CheckOptionalFile(std::string_view path) {
  if (path.empty()) return "";
  if (path.find('\0') != std::string_view::npos) return "may not contain a NUL character";
  std::string name(path);
  if (::access(name.c_str(), R_OK) != 0) return "cannot read '" + name + "': " + std::strerror(errno);
  return "";
}

std::string CheckExtractRule(const std::vector<ExtractRule>& rules, std::size_t index) {
  const std::string& field = rules[index].field;
  for (std::string_view builtin : RecordFieldNames()) {
    if (field == builtin) {
      return "field: \"" + field + "\" is a built-in field of every record; choose another name";
    }
  }
  for (std::size_t i = 0; i < index; ++i) {
    if (rules[i].field == field) {
      return "field: \"" + field + "\" is also the field of rule #" + std::to_string(i + 1) + "; each needs its own";
    }
  }
  return ExtractRuleProblem(rules[index]);
}

std::string CheckHasSeeds(const std::vector<std::string>& seeds) {
  if (!seeds.empty()) return "";
  return "no URL to start from; list some in \"seeds\" or in a \"seeds_file\"";
}

}  // namespace arachne
