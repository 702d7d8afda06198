// IPv4 and IPv6 host parsing and serialization (https://url.spec.whatwg.org/#concept-ipv4-parser and
// #concept-ipv6-parser).
#pragma once

#include <string>
#include <string_view>

namespace arachne {

// https://url.spec.whatwg.org/#ends-in-a-number-checker: a domain whose last label is a number
// ("1.2.3.4", "foo.0x10", "example.123") is an IPv4 address or nothing, never a name.
bool EndsInNumber(std::string_view domain);

// Parses an IPv4 address in any of the forms the standard accepts ("192.168.0.1", "0xC0.0250.1",
// "3232235521") and appends its dotted-decimal form to `out`. Returns nullptr, or why it is invalid.
const char* ParseIpv4(std::string_view input, std::string& out);

// Parses the text between '[' and ']' and appends the address's canonical form (lowercase hex, longest
// run of zeros compressed, RFC 5952) to `out`. Returns nullptr, or why it is invalid.
const char* ParseIpv6(std::string_view input, std::string& out);

}  // namespace arachne
