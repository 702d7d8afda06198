#include "export/record_json.h"

#include <array>

#include "common/utf8.h"
#include "export/record_fields.h"

namespace arachne {

namespace {

// RFC 8259 section 7: the quotation mark, the reverse solidus and U+0000..U+001F must be escaped.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table['"'] = true;
  table['\\'] = true;
  return table;
}();

void AppendEscaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t run = 0;  // start of the bytes not yet appended
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!kNeedsEscape[c]) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(text.data() + run, text.size() - run);
}

void AppendKey(std::string& out, std::size_t field) {
  if (field > 0) out += ',';
  out += '"';
  out += kRecordFields[field];
  out += "\":";
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  // Escaping only touches ASCII bytes, so valid UTF-8 passes through it unchanged; the rare ill-formed
  // value is repaired first.
  if (IsValidUtf8(text)) {
    AppendEscaped(out, text);
  } else {
    AppendEscaped(out, SanitizeUtf8(text));
  }
  out += '"';
}

void AppendRecordJson(std::string& out, const Record& r) {
  std::size_t field = 0;
  const auto string_field = [&](std::string_view value) {
    AppendKey(out, field++);
    AppendJsonString(out, value);
  };
  const auto number_field = [&](auto value) {
    AppendKey(out, field++);
    AppendInteger(out, value);
  };
  out += '{';
  string_field(r.url);
  string_field(r.final_url);
  AppendKey(out, field++);
  out += '[';
  for (std::size_t i = 0; i < r.redirects.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, r.redirects[i]);
  }
  out += ']';
  number_field(r.status);
  number_field(r.depth);
  string_field(r.referrer);
  string_field(r.content_type);
  number_field(r.bytes);
  AppendKey(out, field++);
  out += r.truncated ? "true" : "false";
  string_field(r.charset);
  AppendKey(out, field++);
  if (!AppendMillis(out, r.fetch_ms)) out += "null";
  number_field(r.retries);
  string_field(r.title);
  string_field(r.description);
  string_field(r.canonical);
  string_field(r.robots);
  number_field(r.links);
  string_field(r.error);
  out += '}';
}

}  // namespace arachne
