// Domain to ASCII (https://url.spec.whatwg.org/#concept-domain-to-ascii) for domains that need more than
// ASCII lowercasing: UTS #46 ToASCII with the standard's settings (nontransitional, CheckHyphens,
// UseSTD3ASCIIRules and VerifyDnsLength off, CheckBidi and CheckJoiners on).
//
// ICU does the work, as it does in browsers. libidn2 was the first choice but implements IDNA2008 with
// UTS #46 only as a mapping step: it refuses labels UTS #46 accepts ("https://%e2%98%83" is
// "https://xn--n3h/" in the standard's tests) and cannot turn off the hyphen checks.
#pragma once

#include <string>
#include <string_view>

namespace arachne {

// Appends the ASCII form of the UTF-8 `domain` to `out`: "Bücher.example" -> "xn--bcher-kva.example".
// Returns nullptr, or why the domain is invalid. ASCII domains need no call: their labels are kept as
// written, lowercased, "xn--" labels included (the standard's tests have "https://xn--/" parse).
const char* DomainToAscii(std::string_view domain, std::string& out);

}  // namespace arachne
