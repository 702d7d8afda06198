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

namespace {

void AppendJsonArray(std::string& out, const std::vector<std::string>& values) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, values[i]);
  }
  out += ']';
}

// Appends one record's fields as the members of a JSON object, without its braces.
class JsonMembers {
 public:
  JsonMembers(std::string& out, const std::vector<FieldValue>& fields) : out_(out), fields_(&fields) {}

  void Text(std::string_view name, const std::string& value) { AppendJsonString(Key(name), value); }
  void List(std::string_view name, const std::vector<std::string>& values) { AppendJsonArray(Key(name), values); }
  template <typename Int>
  void Integer(std::string_view name, Int value) { AppendInteger(Key(name), value); }
  void Flag(std::string_view name, bool value) { Key(name) += value ? "true" : "false"; }
  void Millis(std::string_view name, double ms) {
    if (!AppendMillis(Key(name), ms)) out_ += "null";
  }
  void Scraped(const FieldValue& field) {
    // A page callback may have added a field an [[extract]] rule also names: the last one is the value.
    if (FieldNamed(*fields_, field.name) != &field) return;
    if (members_++ > 0) out_ += ',';
    AppendJsonString(out_, field.name);  // a user's name: escaped
    out_ += ':';
    AppendFieldValueJson(out_, field);
  }

 private:
  std::string& Key(std::string_view name) {
    if (members_++ > 0) out_ += ',';
    out_ += '"';
    out_ += name;
    out_ += "\":";
    return out_;
  }
  std::string& out_;
  const std::vector<FieldValue>* fields_;
  int members_ = 0;
};

}  // namespace

void AppendFieldValueJson(std::string& out, const FieldValue& field) {
  if (field.null) {
    out += "null";
  } else if (field.all) {
    AppendJsonArray(out, field.values);
  } else {
    AppendJsonString(out, field.values.empty() ? std::string_view() : std::string_view(field.values.front()));
  }
}

void AppendRecordJson(std::string& out, const Record& r) {
  out += '{';
  JsonMembers members(out, r.fields);
  VisitRecordFields(r, members);
  out += '}';
}

}  // namespace arachne
