#include "export/record_fields.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace arachne {

namespace {
template <typename T>
void AppendWithToChars(std::string& out, T value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}
// Collects the names VisitRecordFields gives.
struct NameCollector {
  std::vector<std::string_view> names;
  template <typename T>
  void Text(std::string_view name, const T&) { names.push_back(name); }
  template <typename T>
  void List(std::string_view name, const T&) { names.push_back(name); }
  template <typename T>
  void Integer(std::string_view name, const T&) { names.push_back(name); }
  void Flag(std::string_view name, bool) { names.push_back(name); }
  void Millis(std::string_view name, double) { names.push_back(name); }
  void Scraped(const FieldValue&) {}
};

}  // namespace

std::vector<std::string_view> RecordFieldNames() {
  NameCollector collector;
  VisitRecordFields(Record{}, collector);
  return collector.names;
}

const FieldValue* FieldNamed(const std::vector<FieldValue>& fields, std::string_view name) {
  const auto last = std::find_if(fields.rbegin(), fields.rend(), [&](const FieldValue& f) { return f.name == name; });
  return last == fields.rend() ? nullptr : &*last;
}

void AppendInteger(std::string& out, std::int64_t value) {
  AppendWithToChars(out, value);
}
void AppendInteger(std::string& out, std::uint64_t value) {
  AppendWithToChars(out, value);
}

bool AppendMillis(std::string& out, double ms) {
  if (!std::isfinite(ms)) return false;
  // Round first, so that -0.04 prints "0" rather than "-0".
  double rounded = std::round(ms * 10) / 10;
  if (rounded == 0) rounded = 0;
  char digits[400];  // enough for any finite double in fixed notation
  const auto result = std::to_chars(digits, digits + sizeof digits, rounded, std::chars_format::fixed, 1);
  std::string_view text(digits, static_cast<std::size_t>(result.ptr - digits));
  if (text.ends_with(".0")) text.remove_suffix(2);
  out.append(text);
  return true;
}

}  // namespace arachne
