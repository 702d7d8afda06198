// The fields of an exported Record: their names and kinds in column order, and how numbers are spelled,
// shared by every format so that a CSV column and a JSON key always agree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arachne/record.h"

namespace arachne {

// Visits every field of `r` in column order, with its name. The visitor provides
//   Text(name, const std::string&)   List(name, const std::vector<std::string>&)   Integer(name, n)
//   Flag(name, bool)                 Millis(name, double)
//   Scraped(const FieldValue&)       (each [[extract]] field, after the built-in ones)
template <typename Visitor>
void VisitRecordFields(const Record& r, Visitor& v) {
  v.Text("url", r.url);
  v.Text("final_url", r.final_url);
  v.List("redirects", r.redirects);
  v.Integer("status", r.status);
  v.Integer("depth", r.depth);
  v.Text("referrer", r.referrer);
  v.Text("content_type", r.content_type);
  v.Integer("bytes", r.bytes);
  v.Flag("truncated", r.truncated);
  v.Text("charset", r.charset);
  v.Millis("fetch_ms", r.fetch_ms);
  v.Integer("retries", r.retries);
  v.Text("title", r.title);
  v.Text("description", r.description);
  v.Text("canonical", r.canonical);
  v.Text("robots", r.robots);
  v.Integer("links", r.links);
  v.Text("error", r.error);
  for (const FieldValue& field : r.fields) v.Scraped(field);
}

// The record's value of the [[extract]] field `name`: the last field of that name (a page callback may add
// a field that a rule also names), or nullptr when it has none. Every format writes this one.
const FieldValue* FieldNamed(const std::vector<FieldValue>& fields, std::string_view name);

// The built-in field names in column order.
std::vector<std::string_view> RecordFieldNames();

void AppendInteger(std::string& out, std::int64_t value);
void AppendInteger(std::string& out, std::uint64_t value);
inline void AppendInteger(std::string& out, int value) {
  AppendInteger(out, std::int64_t{value});
}

// Appends `ms` rounded to a tenth of a millisecond, without a trailing ".0" ("12.5", "12"): finer digits
// are noise in a wall-clock measurement. Appends nothing and returns false for NaN or infinity, which no
// format can spell as a number.
bool AppendMillis(std::string& out, double ms);

}  // namespace arachne
