// The rules a Config's values must follow. Both the seed-file loader and Config::Validate apply these same
// functions (through VisitConfigFields), so a value refused in a file is refused in code, and the other way
// round. Each rule returns what is wrong with a value, or "" when it is fine; the caller adds where.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/config.h"

namespace arachne {

// A rule for one string value.
using StringRule = std::string (*)(std::string_view value);

// The inclusive range an integer key accepts.
struct IntegerRange {
  std::int64_t min;
  std::int64_t max;
};

std::string CheckInteger(std::int64_t value, IntegerRange range);
// A duration in seconds: finite and greater than zero.
std::string CheckSeconds(double value);
// A number greater than zero (a ratio, a count that may have a fraction).
std::string CheckPositive(double value);

// Crawl name: it names output files (<dir>/<name>.jsonl), so it must be a single file-name component.
std::string CheckName(std::string_view name);
// A seed: an absolute http or https URL.
std::string CheckSeedUrl(std::string_view url);
// An allowed_domains entry: a bare host name or IP address.
std::string CheckDomain(std::string_view domain);
// An allow or deny entry: an RE2 regular expression.
std::string CheckPattern(std::string_view pattern);
// An output format: "jsonl", "csv", "json", "warc" or "links".
std::string CheckFormat(std::string_view format);
// "scanner" or "gumbo" ([workers] html_parser).
std::string CheckHtmlParser(std::string_view parser);
// The User-Agent header value: not empty, no control characters (a CR or LF would end the header).
std::string CheckUserAgent(std::string_view user_agent);
// The output folder: not empty.
std::string CheckOutputDir(std::string_view dir);
// A job folder: empty (no job: the crawl is kept in memory) or a path without NUL.
std::string CheckJobDir(std::string_view dir);
// [cluster] redis: empty, or a redis:// URL (cluster/redis_endpoint.h).
std::string CheckRedisUrl(std::string_view url);
// [cluster] node: empty, or letters, digits, '.', '_' and '-' (it names output files and Redis entries).
std::string CheckNodeName(std::string_view node);

// An optional path to a readable file: empty, or a file that exists.
std::string CheckOptionalFile(std::string_view path);
// The [[extract]] rule at `index` of `rules`: its own problems (extract/extraction_rules.h), a field name
// that is a built-in record field's, or one an earlier rule already has.
std::string CheckExtractRule(const std::vector<ExtractRule>& rules, std::size_t index);

// The whole list of seeds, from `seeds` and `seeds_file` together: a crawl needs one at least.
std::string CheckHasSeeds(const std::vector<std::string>& seeds);

}  // namespace arachne
