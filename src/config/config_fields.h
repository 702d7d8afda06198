// VisitConfigFields: the one list of a Config's fields with their seed-file table, key and rule.
//
// The TOML loader visits it to read and check each key, to know which keys exist (anything else is an
// unknown key) and Config::Validate visits it to check a Config built in code; so a key is added in one
// place. `C` is Config or const Config. The visitor provides, for each kind of field:
//   Text(table, key, field, StringRule)            a string
//   List(table, key, field, StringRule)            a list of strings, the rule applied to each
//   Integer(table, key, field, IntegerRange)       an int or std::uint64_t
//   Seconds(table, key, field)                     a double, in seconds
#pragma once

#include <climits>
#include <cstdint>
#include <string_view>

#include "arachne/config.h"
#include "config/config_rules.h"

namespace arachne {

// Top-level keys that are not Config fields: the loader handles them itself.
inline constexpr std::string_view kSeedsFileKey = "seeds_file";

template <typename Visitor, typename C>
void VisitConfigFields(Visitor& v, C& c) {
  constexpr std::int64_t kNoMax = INT64_MAX;
  // Process counts beyond this are a typo, not a machine: each is a forked process.
  constexpr IntegerRange kProcesses{0, 1024};

  v.Text("", "name", c.name, CheckName);
  v.List("", "seeds", c.seeds, CheckSeedUrl);

  v.List("scope", "allowed_domains", c.scope.allowed_domains, CheckDomain);
  v.List("scope", "allow", c.scope.allow, CheckPattern);
  v.List("scope", "deny", c.scope.deny, CheckPattern);
  v.Integer("scope", "max_depth", c.scope.max_depth, IntegerRange{-1, INT_MAX});
  v.Integer("scope", "max_pages", c.scope.max_pages, IntegerRange{0, kNoMax});

  v.Text("fetch", "user_agent", c.fetch.user_agent, CheckUserAgent);
  v.Seconds("fetch", "timeout_s", c.fetch.timeout_s);
  v.Seconds("fetch", "connect_timeout_s", c.fetch.connect_timeout_s);
  v.Integer("fetch", "max_body_bytes", c.fetch.max_body_bytes, IntegerRange{1, kNoMax});
  v.Integer("fetch", "concurrency", c.fetch.concurrency, IntegerRange{1, 100000});
  v.Text("fetch", "ca_file", c.fetch.ca_file, CheckOptionalFile);

  v.Integer("politeness", "max_per_host", c.politeness.max_per_host, IntegerRange{1, INT_MAX});
  v.Integer("politeness", "delay_ms", c.politeness.delay_ms, IntegerRange{0, INT_MAX});

  v.Integer("workers", "fetchers", c.workers.fetchers, IntegerRange{1, kProcesses.max});
  v.Integer("workers", "parsers", c.workers.parsers, kProcesses);
  v.Seconds("workers", "parse_timeout_s", c.workers.parse_timeout_s);

  v.Text("output", "dir", c.output.dir, CheckOutputDir);
  v.List("output", "formats", c.output.formats, CheckFormat);
}

}  // namespace arachne
