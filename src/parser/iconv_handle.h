// IconvHandle: one iconv(3) conversion descriptor, closed exactly once when its owner goes.
#pragma once

#include <iconv.h>

#include <cstddef>
#include <string_view>

#include "arachne/status.h"

namespace arachne {

class IconvHandle {
 public:
  // iconv_open(to, from) with glibc's names ("UTF-8", "CP932" ...). NotFound when iconv lacks either.
  static Result<IconvHandle> Open(std::string_view to, std::string_view from);

  IconvHandle(IconvHandle&& other) noexcept;
  IconvHandle& operator=(IconvHandle&& other) noexcept;
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;
  ~IconvHandle();

  // iconv(3) itself: converts from *in into *out, advancing both, and returns (size_t)-1 with errno set
  // (EILSEQ, EINVAL, E2BIG) where it stops early. `in` is not written to; iconv's signature lacks const.
  std::size_t Convert(const char** in, std::size_t* in_left, char** out, std::size_t* out_left);
  // Writes what ends the output in the initial state, and anything the decoder held back (a base
  // character waiting for a possible combining mark, in BIG5-HKSCS). Same result as Convert.
  std::size_t Flush(char** out, std::size_t* out_left);
  // Back to the initial shift state, forgetting a half-read sequence.
  void Reset();

 private:
  explicit IconvHandle(iconv_t cd) : cd_(cd) {}
  void Close();

  iconv_t cd_;
};

}  // namespace arachne
