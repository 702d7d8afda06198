#include "parser/html_text.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "common/utf8.h"

namespace arachne {
namespace {

struct NamedCharRef {
  std::string_view name;  // after '&', with its ';' if it has one
  std::string_view utf8;
};

constexpr NamedCharRef kNamedCharRefs[] = {
#include "parser/named_char_refs.inc"
};

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
// The longest name in the table, CounterClockwiseContourIntegral;, has 32 bytes.
constexpr std::size_t kLongestName = 32;

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Bytes that need more than a copy: '&', NUL and the controls Gumbo replaces, and non-ASCII.
bool NeedsDecoding(unsigned char c) {
  return c == '&' || c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r');
}

const NamedCharRef* FindNamed(std::string_view name) {
  const auto* it = std::lower_bound(std::begin(kNamedCharRefs), std::end(kNamedCharRefs), name,
                                    [](const NamedCharRef& ref, std::string_view n) { return ref.name < n; });
  return (it != std::end(kNamedCharRefs) && it->name == name) ? it : nullptr;
}

// Gumbo's kCharReplacements: the code points a numeric reference may not name.
char32_t ReplaceNumeric(std::uint32_t cp) {
  static constexpr char16_t kWindows1252[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  if (cp == 0) return 0xFFFD;
  if (cp >= 0x80 && cp <= 0x9F) return kWindows1252[cp - 0x80];
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0xFFFD;
  return cp;
}

// Decodes the character reference at text[at] == '&' into `out`. Returns the bytes it took, or 0 when
// there is none there (the '&' is then text).
std::size_t DecodeCharRef(std::string_view text, std::size_t at, HtmlTextKind kind, std::string& out) {
  std::size_t i = at + 1;
  if (i >= text.size()) return 0;
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ' || c == '<' || c == '&') return 0;
  if (c == '#') {
    ++i;
    const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    const std::size_t digits_start = i;
    std::uint32_t cp = 0;
    for (; i < text.size(); ++i) {
      const unsigned char d = static_cast<unsigned char>(text[i]);
      int value;
      if (d >= '0' && d <= '9') {
        value = d - '0';
      } else if (hex && d >= 'a' && d <= 'f') {
        value = d - 'a' + 10;
      } else if (hex && d >= 'A' && d <= 'F') {
        value = d - 'A' + 10;
      } else {
        break;
      }
      // Past U+10FFFF it is U+FFFD however long it goes on (Gumbo's int overflows instead).
      cp = std::min<std::uint32_t>(cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(value), 0x110000);
    }
    if (i == digits_start) return 0;
    if (i < text.size() && text[i] == ';') ++i;
    AppendUtf8(out, ReplaceNumeric(cp));
    return i - at;
  }
  std::size_t run = 0;
  while (i + run < text.size() && run < kLongestName && IsAsciiAlnum(static_cast<unsigned char>(text[i + run]))) {
    ++run;
  }
  if (run == 0) return 0;
  // The longest name that the text starts with: the whole run with its ';', or a legacy name without.
  if (i + run < text.size() && text[i + run] == ';') {
    if (const NamedCharRef* ref = FindNamed(text.substr(i, run + 1))) {
      out += ref->utf8;
      return run + 2;
    }
  }
  for (std::size_t length = std::min(run, std::size_t{6}); length > 0; --length) {  // legacy names: <= 6
    const NamedCharRef* ref = FindNamed(text.substr(i, length));
    if (ref == nullptr) continue;
    const std::size_t next = i + length;
    if (kind == HtmlTextKind::kAttributeValue && next < text.size() &&
        (text[next] == '=' || IsAsciiAlnum(static_cast<unsigned char>(text[next])))) {
      return 0;  // "?a=1&copy=2" in an href stays as written
    }
    out += ref->utf8;
    return length + 1;
  }
  return 0;
}

// Copies the UTF-8 sequence at text[at] (a byte >= 0x80, or 0x7F) to `out`, or U+FFFD for its maximal
// ill-formed subpart or for a code point Gumbo calls invalid. Returns the bytes it took.
std::size_t CopyNonAscii(std::string_view text, std::size_t at, std::string& out) {
  const Utf8Step step = DecodeUtf8Step(text, at);
  const char32_t cp = step.code_point;
  const bool invalid = (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  if (!step.valid || invalid) {
    out += kReplacement;
  } else {
    out.append(text.substr(at, step.length));
  }
  return step.length;
}

}  // namespace

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string_view DecodeHtmlText(std::string_view raw, HtmlTextKind kind, std::string& storage) {
  std::size_t i = 0;
  while (i < raw.size() && !NeedsDecoding(static_cast<unsigned char>(raw[i]))) ++i;
  if (i == raw.size()) return raw;
  storage.assign(raw.substr(0, i));
  while (i < raw.size()) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (!NeedsDecoding(c)) {
      storage.push_back(static_cast<char>(c));
      ++i;
    } else if (c == '&') {
      const std::size_t taken = DecodeCharRef(raw, i, kind, storage);
      if (taken == 0) {
        storage.push_back('&');
        ++i;
      } else {
        i += taken;
      }
    } else if (c < 0x7F) {
      storage += kReplacement;  // NUL and the controls
      ++i;
    } else {
      i += CopyNonAscii(raw, i, storage);
    }
  }
  return storage;
}

}  // namespace arachne
