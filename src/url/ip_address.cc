#include "url/ip_address.h"

#include <array>
#include <cstdint>
#include <optional>

namespace arachne {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Numbers above this are invalid in every position; saturating here keeps 40-digit inputs from
// overflowing while still failing them.
constexpr std::uint64_t kTooBig = std::uint64_t{1} << 40;

// https://url.spec.whatwg.org/#ipv4-number-parser: decimal, "0x" hex or "0" octal; an empty number
// after the prefix is 0. nullopt when the text is not a number in its radix.
std::optional<std::uint64_t> ParseIpv4Number(std::string_view input) {
  if (input.empty()) return std::nullopt;
  int radix = 10;
  if (input.size() >= 2 && input[0] == '0' && (input[1] == 'x' || input[1] == 'X')) {
    radix = 16;
    input.remove_prefix(2);
  } else if (input.size() >= 2 && input[0] == '0') {
    radix = 8;
    input.remove_prefix(1);
  }
  std::uint64_t value = 0;
  for (char c : input) {
    const int digit = HexDigit(c);
    if (digit < 0 || digit >= radix) return std::nullopt;
    value = value * static_cast<unsigned>(radix) + static_cast<unsigned>(digit);
    if (value > kTooBig) value = kTooBig;
  }
  return value;
}

void AppendHex16(std::string& out, std::uint16_t piece) {
  static constexpr char kHex[] = "0123456789abcdef";
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    const int digit = (piece >> shift) & 0xF;
    if (digit == 0 && !started && shift != 0) continue;
    started = true;
    out += kHex[digit];
  }
}

// https://url.spec.whatwg.org/#concept-ipv6-serializer: the first longest run of two or more zero pieces
// becomes "::".
void SerializeIpv6(const std::array<std::uint16_t, 8>& address, std::string& out) {
  int compress = -1, best_length = 1;
  for (int i = 0; i < 8;) {
    if (address[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && address[j] == 0) ++j;
    if (j - i > best_length) {
      best_length = j - i;
      compress = i;
    }
    i = j;
  }
  for (int i = 0; i < 8; ++i) {
    if (i == compress) {
      out += i == 0 ? "::" : ":";
      i += best_length - 1;
      continue;
    }
    AppendHex16(out, address[i]);
    if (i != 7) out += ':';
  }
}

}  // namespace

bool EndsInNumber(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') {
    if (domain.size() == 1) return false;
    domain.remove_suffix(1);
  }
  const std::size_t dot = domain.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? domain : domain.substr(dot + 1);
  if (last.empty()) return false;
  bool all_digits = true;
  for (char c : last) all_digits = all_digits && IsDigit(c);
  if (all_digits) return true;
  return ParseIpv4Number(last).has_value();
}

const char* ParseIpv4(std::string_view input, std::string& out) {
  // A trailing dot is allowed ("1.2.3.4."), as browsers accept it.
  if (input.size() > 1 && input.back() == '.') input.remove_suffix(1);
  std::array<std::uint64_t, 4> numbers{};
  std::size_t count = 0;
  for (;;) {
    const std::size_t dot = input.find('.');
    if (count == 4) return "IPv4 address has more than four parts";
    const std::optional<std::uint64_t> number = ParseIpv4Number(input.substr(0, dot));
    if (!number) return "IPv4 address part is not a number";
    numbers[count++] = *number;
    if (dot == std::string_view::npos) break;
    input.remove_prefix(dot + 1);
  }
  for (std::size_t i = 0; i + 1 < count; ++i) {
    if (numbers[i] > 255) return "IPv4 address part is greater than 255";
  }
  // The last number fills the bytes the missing parts leave: "1.65536" is 1.1.0.0.
  const std::uint64_t limit = std::uint64_t{1} << (8 * (5 - count));
  if (numbers[count - 1] >= limit) return "IPv4 address is out of range";
  std::uint64_t address = numbers[count - 1];
  for (std::size_t i = 0; i + 1 < count; ++i) address += numbers[i] << (8 * (3 - i));
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += std::to_string((address >> shift) & 0xFF);
    if (shift != 0) out += '.';
  }
  return nullptr;
}

const char* ParseIpv6(std::string_view input, std::string& out) {
  std::array<std::uint16_t, 8> address{};
  int piece_index = 0, compress = -1;
  std::size_t p = 0;
  auto at = [&input](std::size_t i) { return i < input.size() ? input[i] : '\0'; };
  const auto end = input.size();
  if (at(p) == ':') {
    if (at(p + 1) != ':') return "IPv6 address starts with a single ':'";
    p += 2;
    compress = ++piece_index;
  }
  while (p < end) {
    if (piece_index == 8) return "IPv6 address has more than eight pieces";
    if (input[p] == ':') {
      if (compress >= 0) return "IPv6 address has more than one '::'";
      ++p;
      compress = ++piece_index;
      continue;
    }
    unsigned value = 0;
    int length = 0;
    while (length < 4 && p < end && HexDigit(input[p]) >= 0) {
      value = value * 16 + static_cast<unsigned>(HexDigit(input[p]));
      ++p;
      ++length;
    }
    if (at(p) == '.') {
      // An embedded IPv4 address fills the last two pieces ("::ffff:192.168.0.1").
      if (length == 0) return "IPv6 address has an empty IPv4 part";
      p -= static_cast<std::size_t>(length);
      if (piece_index > 6) return "IPv6 address has no room for its IPv4 part";
      int numbers_seen = 0;
      while (p < end) {
        if (numbers_seen > 0) {
          if (input[p] != '.' || numbers_seen >= 4) return "IPv6 address has an invalid IPv4 part";
          ++p;
        }
        if (!IsDigit(at(p))) return "IPv6 address has an invalid IPv4 part";
        int ipv4_piece = -1;
        while (IsDigit(at(p))) {
          const int number = input[p] - '0';
          if (ipv4_piece == 0) return "IPv6 address has an IPv4 part with a leading zero";
          ipv4_piece = ipv4_piece < 0 ? number : ipv4_piece * 10 + number;
          if (ipv4_piece > 255) return "IPv6 address has an IPv4 part greater than 255";
          ++p;
        }
        address[piece_index] = static_cast<std::uint16_t>(address[piece_index] * 0x100 + ipv4_piece);
        ++numbers_seen;
        if (numbers_seen == 2 || numbers_seen == 4) ++piece_index;
      }
      if (numbers_seen != 4) return "IPv6 address has an IPv4 part with fewer than four numbers";
      break;
    }
    if (at(p) == ':') {
      ++p;
      if (p == end) return "IPv6 address ends with a single ':'";
    } else if (p != end) {
      return "IPv6 address has an invalid character";
    }
    address[piece_index++] = static_cast<std::uint16_t>(value);
  }
  if (compress >= 0) {
    int swaps = piece_index - compress;
    piece_index = 7;
    while (piece_index != 0 && swaps > 0) {
      std::swap(address[piece_index], address[compress + swaps - 1]);
      --piece_index;
      --swaps;
    }
  } else if (piece_index != 8) {
    return "IPv6 address has fewer than eight pieces";
  }
  SerializeIpv6(address, out);
  return nullptr;
}

}  // namespace arachne
