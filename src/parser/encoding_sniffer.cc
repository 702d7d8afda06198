#include "parser/encoding_sniffer.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "parser/encoding_label.h"

namespace arachne {

namespace {

constexpr std::size_t kPrescanBytes = 1024;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (Lower(text[i]) != lower_prefix[i]) return false;
  }
  return true;
}

// The HTML Standard's "algorithm for extracting a character encoding from a meta element" (in "Fetching
// resources"; #algorithm-for-extracting-a-character-encoding-from-a-meta-element), over a content
// attribute value the prescan has already lowercased: the label after the first "charset" and "=".
std::string_view CharsetInContent(std::string_view content) {
  std::size_t at = 0;
  while ((at = content.find("charset", at)) != std::string_view::npos) {
    at += 7;
    while (at < content.size() && IsSpace(content[at])) ++at;
    if (at >= content.size() || content[at] != '=') continue;  // "charset" without "=": look further
    ++at;
    while (at < content.size() && IsSpace(content[at])) ++at;
    if (at >= content.size()) return {};
    if (content[at] == '"' || content[at] == '\'') {
      const std::size_t end = content.find(content[at], at + 1);
      if (end == std::string_view::npos) return {};  // an unmatched quote: nothing
      return content.substr(at + 1, end - at - 1);
    }
    std::size_t end = at;
    while (end < content.size() && !IsSpace(content[end]) && content[end] != ';') ++end;
    return content.substr(at, end - at);
  }
  return {};
}

struct Attribute {
  std::string name;
  std::string value;
};

// The prescan's position in its bytes. Running out of bytes anywhere ends the prescan without an
// answer, as the standard's "end condition" does.
class Prescan {
 public:
  explicit Prescan(std::string_view bytes) : bytes_(bytes) {}

  std::string_view Run() {
    while (pos_ < bytes_.size()) {
      const std::string_view rest = bytes_.substr(pos_);
      if (rest.starts_with("<!--")) {
        // To the end of the first "-->" after "<!", so "<!-->" is a whole comment.
        const std::size_t end = bytes_.find("-->", pos_ + 2);
        if (end == std::string_view::npos) return {};
        pos_ = end + 3;
      } else if (StartsWithIgnoreCase(rest, "<meta") && rest.size() > 5 &&
                 (IsSpace(rest[5]) || rest[5] == '/')) {
        pos_ += 5;
        std::optional<std::string_view> encoding = Meta();
        if (!encoding) return {};
        if (!encoding->empty()) return *encoding;
        ++pos_;
      } else if (rest.size() > 1 &&
                 (IsAsciiAlpha(rest[1]) || (rest[1] == '/' && rest.size() > 2 && IsAsciiAlpha(rest[2])))) {
        if (!SkipTag()) return {};
        ++pos_;
      } else if (rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?")) {
        const std::size_t end = bytes_.find('>', pos_ + 2);
        if (end == std::string_view::npos) return {};
        pos_ = end + 1;
      } else {
        ++pos_;
      }
    }
    return {};
  }

 private:
  bool AtEnd() const { return pos_ >= bytes_.size(); }
  char Byte() const { return bytes_[pos_]; }
  void SkipSpaces() {
    while (!AtEnd() && IsSpace(Byte())) ++pos_;
  }

  // The attributes of a <meta>, from after "<meta" to its ">": the encoding it declares, "" when it
  // declares none (or one the Encoding Standard does not know), nullopt when the bytes ran out.
  std::optional<std::string_view> Meta() {
    std::vector<std::string> seen;
    bool got_pragma = false;
    std::optional<bool> need_pragma;
    std::optional<std::string_view> charset;  // "" once a label turned out unknown: the standard's failure
    while (true) {
      std::optional<std::optional<Attribute>> next = NextAttribute();
      if (!next) return std::nullopt;
      if (!*next) break;
      const Attribute& attribute = **next;
      bool duplicate = false;
      for (const std::string& name : seen) duplicate = duplicate || name == attribute.name;
      if (duplicate) continue;
      seen.push_back(attribute.name);
      if (attribute.name == "http-equiv") {
        if (attribute.value == "content-type") got_pragma = true;
      } else if (attribute.name == "content") {
        const std::string_view label = CharsetInContent(attribute.value);
        if (!charset && !label.empty() && !EncodingForLabel(label).empty()) {
          charset = EncodingForLabel(label);
          need_pragma = true;
        }
      } else if (attribute.name == "charset") {
        if (!charset) {
          charset = EncodingForLabel(attribute.value);
          need_pragma = false;
        }
      }
    }
    // "Processing": a content=... counts only beside http-equiv=content-type.
    if (!need_pragma || (*need_pragma && !got_pragma) || !charset || charset->empty())
      return std::string_view();
    if (*charset == "utf-16le" || *charset == "utf-16be") return std::string_view("utf-8");
    if (*charset == "x-user-defined") return std::string_view("windows-1252");
    return charset;
  }

  // Any other tag: its name, then its attributes read as the prescan reads them, so that a quoted ">"
  // or "<meta" inside an attribute value is skipped. Leaves pos_ at the ">"; false if the bytes ran out.
  bool SkipTag() {
    while (!AtEnd() && !IsSpace(Byte()) && Byte() != '>') ++pos_;
    while (true) {
      std::optional<std::optional<Attribute>> next = NextAttribute();
      if (!next) return false;
      if (!*next) return true;
    }
  }

  // HTML Standard 13.2.3.2, "get an attribute": the next attribute, name and value ASCII-lowercased;
  // an empty optional inside at the tag's ">" (pos_ left there); nullopt when the bytes ran out.
  std::optional<std::optional<Attribute>> NextAttribute() {
    while (!AtEnd() && (IsSpace(Byte()) || Byte() == '/')) ++pos_;
    if (AtEnd()) return std::nullopt;
    if (Byte() == '>') return std::optional<Attribute>();
    Attribute attribute;
    // The name; "=" can be its first character.
    while (true) {
      if (AtEnd()) return std::nullopt;
      const char c = Byte();
      if (c == '=' && !attribute.name.empty()) break;
      if (IsSpace(c)) {
        SkipSpaces();
        if (AtEnd()) return std::nullopt;
        if (Byte() != '=') return attribute;  // no value; pos_ at the next attribute or ">"
        break;
      }
      if (c == '/' || c == '>') return attribute;
      attribute.name += Lower(c);
      ++pos_;
    }
    ++pos_;  // the "="
    SkipSpaces();
    if (AtEnd()) return std::nullopt;
    if (Byte() == '"' || Byte() == '\'') {
      const char quote = Byte();
      for (++pos_; !AtEnd(); ++pos_) {
        if (Byte() == quote) {
          ++pos_;
          return attribute;
        }
        attribute.value += Lower(Byte());
      }
      return std::nullopt;
    }
    if (Byte() == '>') return attribute;
    for (; !AtEnd(); ++pos_) {
      if (IsSpace(Byte()) || Byte() == '>') return attribute;
      attribute.value += Lower(Byte());
    }
    return std::nullopt;
  }

  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string_view CharsetParameter(std::string_view content_type) {
  std::size_t at = 0;
  while ((at = content_type.find(';', at)) != std::string_view::npos) {
    ++at;
    std::string_view rest = TrimSpace(content_type.substr(at));
    if (!StartsWithIgnoreCase(rest, "charset")) continue;
    rest = TrimSpace(rest.substr(7));
    if (rest.empty() || rest.front() != '=') continue;
    rest = TrimSpace(rest.substr(1));
    if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
      const char quote = rest.front();
      rest.remove_prefix(1);
      return rest.substr(0, rest.find(quote));
    }
    return TrimSpace(rest.substr(0, rest.find(';')));
  }
  return {};
}

std::string_view PrescanForEncoding(std::string_view bytes) {
  return Prescan(bytes).Run();
}

bool LooksLikeUtf8(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return true;
  // Back over up to three continuation bytes to the last lead byte: if it announces more bytes than
  // follow it, the text was cut there, and what comes before must be valid.
  const std::size_t n = bytes.size();
  std::size_t continuation = 0;
  while (continuation < 3 && continuation < n &&
         (static_cast<unsigned char>(bytes[n - 1 - continuation]) & 0xC0) == 0x80) {
    ++continuation;
  }
  if (continuation == n) return false;
  const auto lead = static_cast<unsigned char>(bytes[n - 1 - continuation]);
  const std::size_t needed = lead >= 0xC2 && lead <= 0xDF   ? 1
                             : lead >= 0xE0 && lead <= 0xEF ? 2
                             : lead >= 0xF0 && lead <= 0xF4 ? 3
                                                            : 0;
  if (needed <= continuation)
    return false;  // the last sequence is whole (or no sequence): the fault is elsewhere
  const std::string_view whole = bytes.substr(0, n - 1 - continuation);
  const bool has_multibyte =
      std::any_of(whole.begin(), whole.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  return has_multibyte && IsValidUtf8(whole);
}

SniffedEncoding SniffEncoding(std::string_view body, std::string_view content_type) {
  if (body.starts_with("\xEF\xBB\xBF")) return {"utf-8", EncodingSource::kByteOrderMark, 3};
  if (body.starts_with("\xFE\xFF")) return {"utf-16be", EncodingSource::kByteOrderMark, 2};
  if (body.starts_with("\xFF\xFE")) return {"utf-16le", EncodingSource::kByteOrderMark, 2};
  if (std::string_view declared = EncodingForLabel(CharsetParameter(content_type)); !declared.empty()) {
    return {declared, EncodingSource::kContentType, 0};
  }
  if (std::string_view meta = PrescanForEncoding(body.substr(0, kPrescanBytes)); !meta.empty()) {
    return {meta, EncodingSource::kMeta, 0};
  }
  return {LooksLikeUtf8(body) ? "utf-8" : "windows-1252", EncodingSource::kContent, 0};
}

}  // namespace arachne
