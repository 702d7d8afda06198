// Whether a response is an HTML page worth parsing: by its Content-Type, or by its first bytes when the
// server sent none (a simplified form of the WHATWG MIME Sniffing Standard, section 7.1).
#pragma once

#include <string_view>

namespace arachne {

bool IsHtmlResponse(std::string_view content_type, std::string_view body);

// Whether the Content-Type leaves the answer to the body's first bytes: none at all, or one that servers
// send for anything (text/plain, application/octet-stream ...). For every other type IsHtmlResponse
// ignores the body, so a fetcher can decide before the body arrives.
bool IsSniffedType(std::string_view content_type);

}  // namespace arachne
