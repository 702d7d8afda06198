#include "parser/iconv_handle.h"

#include <string>
#include <utility>

namespace arachne {

namespace {
const iconv_t kClosed = reinterpret_cast<iconv_t>(-1);  // what iconv_open returns on failure
}  // namespace

Result<IconvHandle> IconvHandle::Open(std::string_view to, std::string_view from) {
  iconv_t cd = iconv_open(std::string(to).c_str(), std::string(from).c_str());
  if (cd == kClosed)
    return Status::NotFound("iconv cannot convert from " + std::string(from) + " to " + std::string(to));
  return IconvHandle(cd);
}

IconvHandle::IconvHandle(IconvHandle&& other) noexcept : cd_(std::exchange(other.cd_, kClosed)) {}

IconvHandle& IconvHandle::operator=(IconvHandle&& other) noexcept {
  if (this != &other) {
    Close();
    cd_ = std::exchange(other.cd_, kClosed);
  }
  return *this;
}

IconvHandle::~IconvHandle() {
  Close();
}

void IconvHandle::Close() {
  if (cd_ != kClosed) iconv_close(cd_);
  cd_ = kClosed;
}

std::size_t IconvHandle::Convert(const char** in, std::size_t* in_left, char** out, std::size_t* out_left) {
  return iconv(cd_, const_cast<char**>(in), in_left, out, out_left);
}

std::size_t IconvHandle::Flush(char** out, std::size_t* out_left) {
  return iconv(cd_, nullptr, nullptr, out, out_left);
}

void IconvHandle::Reset() {
  iconv(cd_, nullptr, nullptr, nullptr, nullptr);
}

}  // namespace arachne
