// Percent-encode sets and percent-encoding/decoding (https://url.spec.whatwg.org/#percent-encoded-bytes).
//
// The parser works on UTF-8 bytes: a code point outside ASCII is encoded byte by byte, which is what
// "UTF-8 percent-encode" yields; bytes that are not valid UTF-8 are encoded the same way, so a broken
// input still gives a well-formed URL.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace arachne::percent_encode {

// Each set is a bit; a byte is encoded with a set when its bit is on in kTable.
inline constexpr std::uint8_t kC0Control = 1 << 0;
inline constexpr std::uint8_t kFragment = 1 << 1;
inline constexpr std::uint8_t kQuery = 1 << 2;
inline constexpr std::uint8_t kSpecialQuery = 1 << 3;
inline constexpr std::uint8_t kPath = 1 << 4;
inline constexpr std::uint8_t kUserinfo = 1 << 5;

namespace internal {
constexpr std::array<std::uint8_t, 256> MakeTable() {
  std::array<std::uint8_t, 256> table{};
  auto add = [&table](std::uint8_t sets, std::string_view bytes) {
    for (char c : bytes) table[static_cast<unsigned char>(c)] |= sets;
  };
  constexpr std::uint8_t kAll = kC0Control | kFragment | kQuery | kSpecialQuery | kPath | kUserinfo;
  // The C0 control percent-encode set: C0 controls and everything above U+007E; every other set
  // includes it.
  for (int c = 0; c < 0x20; ++c) table[c] = kAll;
  for (int c = 0x7F; c < 0x100; ++c) table[c] = kAll;
  add(kFragment, " \"<>`");
  add(kQuery | kSpecialQuery | kPath | kUserinfo, " \"#<>");
  add(kSpecialQuery, "'");
  add(kPath | kUserinfo, "?^`{}");
  add(kUserinfo, "/:;=@[\\]|");
  return table;
}
}  // namespace internal

inline constexpr std::array<std::uint8_t, 256> kTable = internal::MakeTable();

inline bool InSet(unsigned char c, std::uint8_t set) {
  return (kTable[c] & set) != 0;
}

inline void AppendEncodedByte(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const char encoded[3] = {'%', kHex[c >> 4], kHex[c & 0xF]};
  out.append(encoded, 3);
}

// Appends `in` to `out`, encoding the bytes that are in `set`; runs of plain bytes are copied at once.
inline void AppendEncoded(std::string& out, std::string_view in, std::uint8_t set) {
  const char* p = in.data();
  const char* const end = p + in.size();
  while (p < end) {
    const char* run = p;
    while (p < end && !InSet(static_cast<unsigned char>(*p), set)) ++p;
    out.append(run, static_cast<std::size_t>(p - run));
    if (p == end) break;
    AppendEncodedByte(out, static_cast<unsigned char>(*p++));
  }
}

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 section 2.3: the characters whose escaped and plain forms are equivalent (section 6.2.2.2).
inline bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// The byte a "%XY" at in[i] stands for, or -1 when no escape starts there.
inline int EscapeAt(std::string_view in, std::size_t i) {
  if (in[i] != '%' || i + 2 >= in.size()) return -1;
  const int high = HexValue(in[i + 1]);
  const int low = HexValue(in[i + 2]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// https://url.spec.whatwg.org/#percent-decode: "%XX" becomes the byte; a '%' not followed by two hex
// digits stays as it is.
inline std::string Decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (const int byte = EscapeAt(in, i); byte >= 0) {
      out += static_cast<char>(byte);
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

}  // namespace arachne::percent_encode
