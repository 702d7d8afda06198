#include "parser/iconv_handle.h"

#include <errno.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace arachne {
namespace {

std::string ConvertAll(IconvHandle& cd, std::string_view input) {
  const char* in = input.data();
  std::size_t in_left = input.size();
  char buffer[64];
  char* out = buffer;
  std::size_t out_left = sizeof buffer;
  EXPECT_NE(cd.Convert(&in, &in_left, &out, &out_left), static_cast<std::size_t>(-1));
  return std::string(buffer, sizeof buffer - out_left);
}

TEST(IconvHandle, OpensConvertsAndMoves) {
  Result<IconvHandle> opened = IconvHandle::Open("UTF-8", "CP1251");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  IconvHandle cd = std::move(opened).value();
  EXPECT_EQ(ConvertAll(cd, "\xE0"), "\xD0\xB0");
  IconvHandle moved(std::move(cd));
  EXPECT_EQ(ConvertAll(moved, "\xE1"), "\xD0\xB1");
  Result<IconvHandle> other = IconvHandle::Open("UTF-8", "KOI8-R");
  ASSERT_TRUE(other.ok());
  moved = std::move(other).value();  // closes the CP1251 descriptor
  EXPECT_EQ(ConvertAll(moved, "\xC1"), "\xD0\xB0");
}

TEST(IconvHandle, UnknownEncodingIsNotFound) {
  Result<IconvHandle> cd = IconvHandle::Open("UTF-8", "KLINGON-8");
  ASSERT_FALSE(cd.ok());
  EXPECT_EQ(cd.status().code(), Status::Code::kNotFound);
}

TEST(IconvHandle, ResetForgetsAHalfReadSequence) {
  Result<IconvHandle> cd = IconvHandle::Open("UTF-8", "ISO-2022-JP");
  ASSERT_TRUE(cd.ok());
  EXPECT_EQ(ConvertAll(*cd, "\x1B$BF|"), "\xE6\x97\xA5");  // now in JIS X 0208 mode
  cd->Reset();
  EXPECT_EQ(ConvertAll(*cd, "F|"), "F|");  // ASCII again
}

}  // namespace
}  // namespace arachne
