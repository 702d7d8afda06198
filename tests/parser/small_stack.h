// RunOnSmallStack: runs a function on a thread whose stack is small, so that code recursing once per
// level of a deep HTML tree crashes in the test instead of passing by luck on the main thread's 8 MB.
#pragma once

#include <pthread.h>

#include <cstddef>
#include <functional>

namespace arachne {

// Returns false if the thread could not be started.
inline bool RunOnSmallStack(std::function<void()> function, std::size_t stack_bytes = 512 * 1024) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return false;
  bool ok = pthread_attr_setstacksize(&attr, stack_bytes) == 0;
  pthread_t thread;
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<std::function<void()>*>(arg))();
    return nullptr;
  };
  ok = ok && pthread_create(&thread, &attr, trampoline, &function) == 0;
  pthread_attr_destroy(&attr);
  return ok && pthread_join(thread, nullptr) == 0;
}

}  // namespace arachne
