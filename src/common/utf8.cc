#include "common/utf8.h"

#include <cstdint>
#include <cstring>

namespace arachne {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER

// The offset of the first byte at or after `i` that is not ASCII, eight bytes at a time: web text is
// mostly ASCII, so this is where validation spends its time.
std::size_t SkipAscii(std::string_view text, std::size_t i) {
  while (i + 8 <= text.size()) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    if (word & 0x8080808080808080ull) break;
    i += 8;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

// The length of the longest well-formed prefix of `text`.
std::size_t ValidPrefix(std::string_view text) {
  std::size_t i = 0;
  while (true) {
    i = SkipAscii(text, i);
    if (i >= text.size()) return text.size();
    const Utf8Step step = DecodeUtf8Step(text, i);
    if (!step.valid) return i;
    i += step.length;
  }
}

bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

}  // namespace

Utf8Step DecodeUtf8Step(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return {1, true, lead};
  // The allowed range of the first continuation byte depends on the lead byte: that is what excludes
  // overlongs (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points above U+10FFFF (F4 90..BF).
  // Leads C0, C1 and F5..FF can only start overlong or out-of-range forms (RFC 3629 section 4).
  std::size_t needed = 0;
  unsigned char lower = 0x80;
  unsigned char upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 2;
    if (lead == 0xE0) lower = 0xA0;
    if (lead == 0xED) upper = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 3;
    if (lead == 0xF0) lower = 0x90;
    if (lead == 0xF4) upper = 0x8F;
  } else {
    return {1, false, 0};
  }
  char32_t code_point = lead & (0x3F >> needed);
  for (std::size_t k = 1; k <= needed; ++k) {
    if (i + k >= text.size()) return {k, false, 0};
    const auto byte = static_cast<unsigned char>(text[i + k]);
    if (byte < lower || byte > upper) return {k, false, 0};
    code_point = (code_point << 6) | (byte & 0x3F);
    lower = 0x80;
    upper = 0xBF;
  }
  return {needed + 1, true, code_point};
}

bool IsValidUtf8(std::string_view text) {
  return ValidPrefix(text) == text.size();
}

void AppendSanitizedUtf8(std::string& out, std::string_view text) {
  while (!text.empty()) {
    const std::size_t valid = ValidPrefix(text);
    out.append(text.data(), valid);
    text.remove_prefix(valid);
    if (text.empty()) return;
    out.append(kReplacement, 3);
    text.remove_prefix(DecodeUtf8Step(text, 0).length);
  }
}

std::string SanitizeUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  AppendSanitizedUtf8(out, text);
  return out;
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (IsAsciiWhitespace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

void TruncateUtf8(std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return;
  std::size_t end = max_bytes;
  // Back over continuation bytes (10xxxxxx) to the start of the character that would be split.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
}

}  // namespace arachne
