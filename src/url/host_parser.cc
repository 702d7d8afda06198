#include "url/host_parser.h"

#include "url/idna.h"
#include "url/ip_address.h"
#include "url/percent_encode.h"

namespace arachne {
namespace {

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// https://url.spec.whatwg.org/#forbidden-host-code-point
bool IsForbiddenHostCodePoint(char c) {
  switch (c) {
    case '\0':
    case '\t':
    case '\n':
    case '\r':
    case ' ':
    case '#':
    case '/':
    case ':':
    case '<':
    case '>':
    case '?':
    case '@':
    case '[':
    case '\\':
    case ']':
    case '^':
    case '|': return true;
    default: return false;
  }
}

// https://url.spec.whatwg.org/#forbidden-domain-code-point
bool IsForbiddenDomainCodePoint(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return IsForbiddenHostCodePoint(c) || byte <= 0x1F || c == '%' || byte == 0x7F;
}

// https://url.spec.whatwg.org/#concept-opaque-host-parser: the host of a non-special URL is kept as
// written, percent-encoded, since nothing says it is a DNS name.
const char* ParseOpaqueHost(std::string_view input, std::string& out) {
  for (char c : input) {
    if (IsForbiddenHostCodePoint(c)) return "host contains a forbidden character";
  }
  percent_encode::AppendEncoded(out, input, percent_encode::kC0Control);
  return nullptr;
}

}  // namespace

const char* ParseHost(std::string_view input, bool special, std::string& out) {
  if (!input.empty() && input.front() == '[') {
    if (input.size() < 2 || input.back() != ']') return "IPv6 address is missing its closing ']'";
    out += '[';
    if (const char* error = ParseIpv6(input.substr(1, input.size() - 2), out)) return error;
    out += ']';
    return nullptr;
  }
  if (!special) return ParseOpaqueHost(input, out);

  // https://url.spec.whatwg.org/#concept-host-parser steps 4-9: percent-decode, domain to ASCII, refuse
  // forbidden code points, and take a name ending in a number as an IPv4 address.
  std::string decoded;
  std::string_view domain = input;
  if (input.find('%') != std::string_view::npos) {
    decoded = percent_encode::Decode(input);
    domain = decoded;
  }
  const std::size_t begin = out.size();
  if (IsAscii(domain)) {
    for (char c : domain) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  } else if (const char* error = DomainToAscii(domain, out)) {
    return error;
  }
  const std::string_view ascii = std::string_view(out).substr(begin);
  for (char c : ascii) {
    if (IsForbiddenDomainCodePoint(c)) return "host contains a forbidden character";
  }
  if (!EndsInNumber(ascii)) return nullptr;
  std::string ipv4;  // at most "255.255.255.255": no allocation
  if (const char* error = ParseIpv4(ascii, ipv4)) return error;
  out.resize(begin);
  out += ipv4;
  return nullptr;
}

}  // namespace arachne
