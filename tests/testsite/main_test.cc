// The arachne-testsite command: list, write and serve, run as a child process.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "testsite/hostile_site.h"
#include "testsite/http_test_client.h"
#include "testsite/site.h"

#ifdef ARACHNE_TESTSITE_PATH

namespace arachne::testsite {
namespace {

// Runs the command with `args` and returns its exit status, and its standard output in `out`.
int RunCommand(const std::vector<std::string>& args, std::string* out) {
  std::string command = ARACHNE_TESTSITE_PATH;
  for (const std::string& a : args) command += " '" + a + "'";
  command += " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[65536];
  for (std::size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) out->append(buffer, n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(TestsiteCommandTest, ListPrintsReachable) {
  std::string out;
  ASSERT_EQ(RunCommand({"list", "--base", "http://127.0.0.1:9", "--pages", "80", "--seed", "6"}, &out), 0);
  std::string expected;
  for (const auto& e : Site({.pages = 80, .seed = 6}).Reachable("http://127.0.0.1:9"))
    expected += e.url + "\n";
  EXPECT_EQ(out, expected);
  std::string shallow;
  ASSERT_EQ(
      RunCommand({"list", "--base", "http://127.0.0.1:9", "--pages", "80", "--seed", "6", "--max-depth", "1"},
                 &shallow),
      0);
  EXPECT_LT(shallow.size(), out.size());
}

TEST(TestsiteCommandTest, RejectsBadArguments) {
  std::string out;
  EXPECT_NE(RunCommand({"list", "--base", "ftp://x", "--pages", "5"}, &out), 0);
  EXPECT_NE(RunCommand({"list", "--pages", "5"}, &out), 0);  // --base is required
  EXPECT_NE(RunCommand({"list", "--base", "http://127.0.0.1:9", "--pages", "0"}, &out), 0);
  EXPECT_NE(RunCommand({"frobnicate"}, &out), 0);
  EXPECT_NE(RunCommand({"write", "/proc/arachne-no", "--base", "http://127.0.0.1:9", "--pages", "3"}, &out),
            0);
}

TEST(TestsiteCommandTest, WriteWritesTheTree) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("arachne-testsite-cmd-" + std::to_string(::getpid()));
  std::string out;
  ASSERT_EQ(RunCommand({"write", dir.string(), "--base", "http://127.0.0.1:9", "--pages", "20"}, &out), 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "index.html"));
  EXPECT_TRUE(std::filesystem::exists(dir / "robots.txt"));
  std::filesystem::remove_all(dir);
}

// The command started with `args` in a child process, serving until it is sent SIGTERM.
struct Serving {
  pid_t pid = -1;
  std::string line;  // the first line it printed
  int port = 0;      // of that line, when it is "http://127.0.0.1:PORT/index.html"
};

Serving StartServing(std::vector<std::string> args) {
  Serving serving;
  int fds[2];
  if (pipe(fds) != 0) return serving;
  std::vector<char*> argv = {const_cast<char*>(ARACHNE_TESTSITE_PATH)};
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  serving.pid = fork();
  if (serving.pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execv(ARACHNE_TESTSITE_PATH, argv.data());
    _exit(127);
  }
  close(fds[1]);
  char c;
  while (serving.line.size() < 200 && read(fds[0], &c, 1) == 1 && c != '\n') serving.line += c;
  close(fds[0]);
  const std::string prefix = "http://127.0.0.1:";
  if (serving.line.starts_with(prefix) && serving.line.ends_with("/index.html")) {
    serving.port = std::stoi(serving.line.substr(prefix.size()));
  }
  return serving;
}

// Sends SIGTERM and expects a clean exit.
void StopServing(const Serving& serving) {
  ASSERT_GT(serving.pid, 0);
  kill(serving.pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(serving.pid, &status, 0), serving.pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

TEST(TestsiteCommandTest, ServePrintsItsUrlAndStopsOnSigterm) {
  Serving serving = StartServing({"serve", "--pages", "30"});
  ASSERT_GT(serving.pid, 0);
  EXPECT_GT(serving.port, 0) << serving.line;
  if (serving.port > 0) {
    HttpTestClient client(static_cast<std::uint16_t>(serving.port));
    auto reply = client.Send("/index.html");
    EXPECT_TRUE(reply && reply->result_int() == 200);
    if (reply) {
      EXPECT_EQ(
          reply->body(),
          Site({.pages = 30}).Get("/index.html", "http://127.0.0.1:" + std::to_string(serving.port)).bytes);
    }
  }
  StopServing(serving);
}

TEST(TestsiteCommandTest, HostileServesTheHostileSite) {
  Serving serving = StartServing({"hostile"});
  ASSERT_GT(serving.pid, 0);
  EXPECT_GT(serving.port, 0) << serving.line;
  if (serving.port > 0) {
    HttpTestClient client(static_cast<std::uint16_t>(serving.port));
    auto index = client.Send("/index.html");
    ASSERT_TRUE(index && index->result_int() == 200);
    EXPECT_EQ(index->body(),
              ServeHostileSite({.method = "GET", .target = "/index.html", .headers = {}}).body);
    auto hop = client.Send("/fault/redirect/41");
    ASSERT_TRUE(hop);
    EXPECT_EQ(hop->result_int(), 302);
  }
  StopServing(serving);
}

}  // namespace
}  // namespace arachne::testsite

#endif  // ARACHNE_TESTSITE_PATH
