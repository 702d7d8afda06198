// The host parser (https://url.spec.whatwg.org/#host-parsing): domains (with IDNA), IPv4 addresses in
// all their number forms, IPv6 addresses, and the opaque hosts of non-special URLs.
#pragma once

#include <string>
#include <string_view>

namespace arachne {

// Parses `input` (the host as written in the URL, still percent-encoded) and appends its serialization
// to `out`. `special` is whether the URL's scheme is special (http, https, ws, wss, ftp, file): only
// their hosts are domains. Returns nullptr on success, else why the host is invalid (then `out` may hold
// a partial host, which the caller discards).
const char* ParseHost(std::string_view input, bool special, std::string& out);

}  // namespace arachne
