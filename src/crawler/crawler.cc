#include "arachne/crawler.h"

#include <fcntl.h>
#include <unistd.h>

#include "common/errno_status.h"
#include "common/unique_fd.h"
#include "coordinator/coordinator.h"
#include "crawler/worker_executable.h"

namespace arachne {

struct Crawler::Impl {
  Config config;
  std::function<void(const Record&)> on_record;
  std::function<void(const Page&, Record&)> on_page;
  std::function<void(const Progress&)> on_progress;
  std::function<void(LogLevel, const std::string&)> on_log;
  int progress_interval_ms = 250;
  // Stop() writes a byte here; the coordinator's poll loop watches the other end. A pipe is what a signal
  // handler may safely touch.
  UniqueFd stop_read;
  UniqueFd stop_write;
  Status pipe_status;
};

Crawler::Crawler(Config config) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
    impl_->stop_read.reset(fds[0]);
    impl_->stop_write.reset(fds[1]);
  } else {
    impl_->pipe_status = ErrnoStatus("pipe");
  }
}

Crawler::~Crawler() = default;

void Crawler::OnRecord(std::function<void(const Record&)> callback) { impl_->on_record = std::move(callback); }
void Crawler::OnPage(std::function<void(const Page&, Record&)> callback) { impl_->on_page = std::move(callback); }

void Crawler::OnProgress(std::function<void(const Progress&)> callback, int interval_ms) {
  impl_->on_progress = std::move(callback);
  impl_->progress_interval_ms = interval_ms;
}

void Crawler::OnLog(std::function<void(const std::string&)> callback) {
  impl_->on_log = [callback = std::move(callback)](LogLevel, const std::string& line) { callback(line); };
}
void Crawler::OnLog(std::function<void(LogLevel, const std::string&)> callback) { impl_->on_log = std::move(callback); }

void Crawler::Stop() {
  if (impl_->stop_write.valid()) {
    ssize_t ignored = ::write(impl_->stop_write.get(), "s", 1);
    (void)ignored;
  }
}

Result<Summary> Crawler::Run() {
  if (!impl_->pipe_status.ok()) return impl_->pipe_status;
  if (Status s = impl_->config.Validate(); !s.ok()) return s;
  Result<std::string> worker = ResolveWorkerExecutable(impl_->config.worker_executable);
  if (!worker.ok()) return worker.status();
  Config config = impl_->config;
  config.worker_executable = *worker;
  CoordinatorHooks hooks;
  hooks.on_record = impl_->on_record;
  hooks.on_page = impl_->on_page;
  hooks.on_progress = impl_->on_progress;
  hooks.progress_interval_ms = impl_->progress_interval_ms;
  hooks.on_log = impl_->on_log;
  hooks.stop_fd = impl_->stop_read.get();
  return RunCoordinator(config, hooks);
}

}  // namespace arachne
