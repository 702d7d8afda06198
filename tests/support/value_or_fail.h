// ValueOrFail: the value of a Result in a test, or, after failing the test with the Result's status, a
// default one (nullptr for a pointer) that the test's next ASSERT can stop on.
#pragma once

#include <gtest/gtest.h>

#include <utility>

#include "arachne/status.h"

namespace arachne::test {

template <typename T>
T ValueOrFail(Result<T> result) {
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::move(result).value() : T{};
}

}  // namespace arachne::test
