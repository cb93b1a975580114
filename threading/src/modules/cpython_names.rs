//! # CPython 3.11's public names of the modules MiniPy provides
//!
//! MiniPy's `math`, `os`, `socket`, ... offer what MINIPY.md's library list
//! names, not everything CPython's modules have. A program that reaches
//! for one of the others (`math.cbrt`, `itertools.groupby`, `os.listdir`)
//! is told so: `AttributeError: module 'math' has no attribute 'cbrt'
//! (CPython's math.cbrt is outside MiniPy)`, where CPython's message alone
//! would read as a typo. A name CPython does not have either keeps
//! CPython's plain message.
//!
//! ```text
//!   module attribute lookup fails ─▶ outside_note(module, name)
//!       name in CPYTHON_NAMES[module] ─▶ " (CPython's module.name is outside MiniPy)"
//!       else                          ─▶ ""   (CPython's own message)
//! ```
//!
//! The table is generated: `python3 threading/tests/cpython_names/regen.py`
//! (CPython 3.11's `dir(module)`, `_`-names left out); `tests/cpython_names.rs`
//! checks it is current when python3 3.11 is present. It is consulted only
//! on the error path, so a plain scan of a space-separated string is enough
//! (the road not taken: a sorted array of `&str` per name, ~1,300 lines).
//!
//! Needs nothing (a leaf). Python equivalent: none; CPython has every name.

/// `(module, its public names separated by single spaces)`, sorted by module.
static CPYTHON_NAMES: &[(&str, &str)] = &[
    ("array", "ArrayType array typecodes"),
    (
        "bisect",
        "bisect bisect_left bisect_right insort insort_left insort_right",
    ),
    (
        "collections",
        "ChainMap Counter OrderedDict UserDict UserList UserString abc defaultdict deque \
        namedtuple",
    ),
    (
        "concurrent.futures",
        "ALL_COMPLETED BrokenExecutor CancelledError Executor FIRST_COMPLETED FIRST_EXCEPTION \
        Future ProcessPoolExecutor ThreadPoolExecutor TimeoutError as_completed wait",
    ),
    (
        "contextlib",
        "AbstractAsyncContextManager AbstractContextManager AsyncContextDecorator \
        AsyncExitStack ContextDecorator ExitStack GenericAlias MethodType abc aclosing \
        asynccontextmanager chdir closing contextmanager deque nullcontext os \
        redirect_stderr redirect_stdout suppress sys wraps",
    ),
    (
        "dataclasses",
        "Field FrozenInstanceError FunctionType GenericAlias InitVar KW_ONLY MISSING abc \
        asdict astuple builtins copy dataclass field fields functools inspect is_dataclass \
        itertools keyword make_dataclass re replace sys types",
    ),
    (
        "functools",
        "GenericAlias RLock WRAPPER_ASSIGNMENTS WRAPPER_UPDATES cache cached_property \
        cmp_to_key get_cache_token lru_cache namedtuple partial partialmethod recursive_repr \
        reduce singledispatch singledispatchmethod total_ordering update_wrapper wraps",
    ),
    (
        "heapq",
        "heapify heappop heappush heappushpop heapreplace merge nlargest nsmallest",
    ),
    (
        "io",
        "BlockingIOError BufferedIOBase BufferedRWPair BufferedRandom BufferedReader \
        BufferedWriter BytesIO DEFAULT_BUFFER_SIZE FileIO IOBase IncrementalNewlineDecoder \
        RawIOBase SEEK_CUR SEEK_END SEEK_SET StringIO TextIOBase TextIOWrapper \
        UnsupportedOperation abc open open_code text_encoding",
    ),
    (
        "itertools",
        "accumulate chain combinations combinations_with_replacement compress count cycle \
        dropwhile filterfalse groupby islice pairwise permutations product repeat starmap \
        takewhile tee zip_longest",
    ),
    (
        "logging",
        "BASIC_FORMAT BufferingFormatter CRITICAL DEBUG ERROR FATAL FileHandler Filter \
        Filterer Formatter GenericAlias Handler INFO LogRecord Logger LoggerAdapter Manager \
        NOTSET NullHandler PercentStyle PlaceHolder RootLogger StrFormatStyle StreamHandler \
        StringTemplateStyle Template WARN WARNING addLevelName atexit basicConfig \
        captureWarnings collections critical currentframe debug disable error exception \
        fatal getLevelName getLevelNamesMapping getLogRecordFactory getLogger getLoggerClass \
        info io lastResort log logMultiprocessing logProcesses logThreads makeLogRecord os \
        raiseExceptions re root setLogRecordFactory setLoggerClass shutdown sys threading \
        time traceback warn warning warnings weakref",
    ),
    (
        "math",
        "acos acosh asin asinh atan atan2 atanh cbrt ceil comb copysign cos cosh degrees dist \
        e erf erfc exp exp2 expm1 fabs factorial floor fmod frexp fsum gamma gcd hypot inf \
        isclose isfinite isinf isnan isqrt lcm ldexp lgamma log log10 log1p log2 modf nan \
        nextafter perm pi pow prod radians remainder sin sinh sqrt tan tanh tau trunc ulp",
    ),
    (
        "operator",
        "abs add and_ attrgetter call concat contains countOf delitem eq floordiv ge getitem \
        gt iadd iand iconcat ifloordiv ilshift imatmul imod imul index indexOf inv invert \
        ior ipow irshift is_ is_not isub itemgetter itruediv ixor le length_hint lshift lt \
        matmul methodcaller mod mul ne neg not_ or_ pos pow rshift setitem sub truediv truth \
        xor",
    ),
    (
        "os",
        "CLD_CONTINUED CLD_DUMPED CLD_EXITED CLD_KILLED CLD_STOPPED CLD_TRAPPED DirEntry \
        EFD_CLOEXEC EFD_NONBLOCK EFD_SEMAPHORE EX_CANTCREAT EX_CONFIG EX_DATAERR EX_IOERR \
        EX_NOHOST EX_NOINPUT EX_NOPERM EX_NOUSER EX_OK EX_OSERR EX_OSFILE EX_PROTOCOL \
        EX_SOFTWARE EX_TEMPFAIL EX_UNAVAILABLE EX_USAGE F_LOCK F_OK F_TEST F_TLOCK F_ULOCK \
        GRND_NONBLOCK GRND_RANDOM GenericAlias MFD_ALLOW_SEALING MFD_CLOEXEC MFD_HUGETLB \
        MFD_HUGE_16GB MFD_HUGE_16MB MFD_HUGE_1GB MFD_HUGE_1MB MFD_HUGE_256MB MFD_HUGE_2GB \
        MFD_HUGE_2MB MFD_HUGE_32MB MFD_HUGE_512KB MFD_HUGE_512MB MFD_HUGE_64KB MFD_HUGE_8MB \
        MFD_HUGE_MASK MFD_HUGE_SHIFT Mapping MutableMapping NGROUPS_MAX O_ACCMODE O_APPEND \
        O_ASYNC O_CLOEXEC O_CREAT O_DIRECT O_DIRECTORY O_DSYNC O_EXCL O_FSYNC O_LARGEFILE \
        O_NDELAY O_NOATIME O_NOCTTY O_NOFOLLOW O_NONBLOCK O_PATH O_RDONLY O_RDWR O_RSYNC \
        O_SYNC O_TMPFILE O_TRUNC O_WRONLY POSIX_FADV_DONTNEED POSIX_FADV_NOREUSE \
        POSIX_FADV_NORMAL POSIX_FADV_RANDOM POSIX_FADV_SEQUENTIAL POSIX_FADV_WILLNEED \
        POSIX_SPAWN_CLOSE POSIX_SPAWN_DUP2 POSIX_SPAWN_OPEN PRIO_PGRP PRIO_PROCESS PRIO_USER \
        P_ALL P_NOWAIT P_NOWAITO P_PGID P_PID P_PIDFD P_WAIT PathLike RTLD_DEEPBIND \
        RTLD_GLOBAL RTLD_LAZY RTLD_LOCAL RTLD_NODELETE RTLD_NOLOAD RTLD_NOW RWF_APPEND \
        RWF_DSYNC RWF_HIPRI RWF_NOWAIT RWF_SYNC R_OK SCHED_BATCH SCHED_FIFO SCHED_IDLE \
        SCHED_OTHER SCHED_RESET_ON_FORK SCHED_RR SEEK_CUR SEEK_DATA SEEK_END SEEK_HOLE \
        SEEK_SET SPLICE_F_MORE SPLICE_F_MOVE SPLICE_F_NONBLOCK ST_APPEND ST_MANDLOCK \
        ST_NOATIME ST_NODEV ST_NODIRATIME ST_NOEXEC ST_NOSUID ST_RDONLY ST_RELATIME \
        ST_SYNCHRONOUS ST_WRITE TMP_MAX WCONTINUED WCOREDUMP WEXITED WEXITSTATUS \
        WIFCONTINUED WIFEXITED WIFSIGNALED WIFSTOPPED WNOHANG WNOWAIT WSTOPPED WSTOPSIG \
        WTERMSIG WUNTRACED W_OK XATTR_CREATE XATTR_REPLACE XATTR_SIZE_MAX X_OK abc abort \
        access altsep chdir chmod chown chroot close closerange confstr confstr_names \
        copy_file_range cpu_count ctermid curdir defpath device_encoding devnull dup dup2 \
        environ environb error eventfd eventfd_read eventfd_write execl execle execlp \
        execlpe execv execve execvp execvpe extsep fchdir fchmod fchown fdatasync fdopen \
        fork forkpty fpathconf fsdecode fsencode fspath fstat fstatvfs fsync ftruncate fwalk \
        get_blocking get_exec_path get_inheritable get_terminal_size getcwd getcwdb getegid \
        getenv getenvb geteuid getgid getgrouplist getgroups getloadavg getlogin getpgid \
        getpgrp getpid getppid getpriority getrandom getresgid getresuid getsid getuid \
        getxattr initgroups isatty kill killpg lchown linesep link listdir listxattr lockf \
        login_tty lseek lstat major makedev makedirs memfd_create minor mkdir mkfifo mknod \
        name nice open openpty pardir path pathconf pathconf_names pathsep pidfd_open pipe \
        pipe2 popen posix_fadvise posix_fallocate posix_spawn posix_spawnp pread preadv \
        putenv pwrite pwritev read readlink readv register_at_fork remove removedirs \
        removexattr rename renames replace rmdir scandir sched_get_priority_max \
        sched_get_priority_min sched_getaffinity sched_getparam sched_getscheduler \
        sched_param sched_rr_get_interval sched_setaffinity sched_setparam \
        sched_setscheduler sched_yield sendfile sep set_blocking set_inheritable setegid \
        seteuid setgid setgroups setpgid setpgrp setpriority setregid setresgid setresuid \
        setreuid setsid setuid setxattr spawnl spawnle spawnlp spawnlpe spawnv spawnve \
        spawnvp spawnvpe splice st stat stat_result statvfs statvfs_result strerror \
        supports_bytes_environ supports_dir_fd supports_effective_ids supports_fd \
        supports_follow_symlinks symlink sync sys sysconf sysconf_names system tcgetpgrp \
        tcsetpgrp terminal_size times times_result truncate ttyname umask uname uname_result \
        unlink unsetenv urandom utime wait wait3 wait4 waitid waitid_result waitpid \
        waitstatus_to_exitcode walk write writev",
    ),
    (
        "queue",
        "Empty Full LifoQueue PriorityQueue Queue SimpleQueue deque heappop heappush \
        threading time types",
    ),
    (
        "random",
        "BPF LOG4 NV_MAGICCONST RECIP_BPF Random SG_MAGICCONST SystemRandom TWOPI betavariate \
        choice choices expovariate gammavariate gauss getrandbits getstate lognormvariate \
        normalvariate paretovariate randbytes randint random randrange sample seed setstate \
        shuffle triangular uniform vonmisesvariate weibullvariate",
    ),
    (
        "socket",
        "AF_ALG AF_APPLETALK AF_ASH AF_ATMPVC AF_ATMSVC AF_AX25 AF_BRIDGE AF_CAN AF_DECnet \
        AF_ECONET AF_INET AF_INET6 AF_IPX AF_IRDA AF_KEY AF_LLC AF_NETBEUI AF_NETLINK \
        AF_NETROM AF_PACKET AF_PPPOX AF_QIPCRTR AF_RDS AF_ROSE AF_ROUTE AF_SECURITY AF_SNA \
        AF_TIPC AF_UNIX AF_UNSPEC AF_VSOCK AF_WANPIPE AF_X25 AI_ADDRCONFIG AI_ALL \
        AI_CANONNAME AI_NUMERICHOST AI_NUMERICSERV AI_PASSIVE AI_V4MAPPED ALG_OP_DECRYPT \
        ALG_OP_ENCRYPT ALG_OP_SIGN ALG_OP_VERIFY ALG_SET_AEAD_ASSOCLEN ALG_SET_AEAD_AUTHSIZE \
        ALG_SET_IV ALG_SET_KEY ALG_SET_OP ALG_SET_PUBKEY AddressFamily AddressInfo CAN_BCM \
        CAN_BCM_CAN_FD_FRAME CAN_BCM_RX_ANNOUNCE_RESUME CAN_BCM_RX_CHANGED \
        CAN_BCM_RX_CHECK_DLC CAN_BCM_RX_DELETE CAN_BCM_RX_FILTER_ID CAN_BCM_RX_NO_AUTOTIMER \
        CAN_BCM_RX_READ CAN_BCM_RX_RTR_FRAME CAN_BCM_RX_SETUP CAN_BCM_RX_STATUS \
        CAN_BCM_RX_TIMEOUT CAN_BCM_SETTIMER CAN_BCM_STARTTIMER CAN_BCM_TX_ANNOUNCE \
        CAN_BCM_TX_COUNTEVT CAN_BCM_TX_CP_CAN_ID CAN_BCM_TX_DELETE CAN_BCM_TX_EXPIRED \
        CAN_BCM_TX_READ CAN_BCM_TX_RESET_MULTI_IDX CAN_BCM_TX_SEND CAN_BCM_TX_SETUP \
        CAN_BCM_TX_STATUS CAN_EFF_FLAG CAN_EFF_MASK CAN_ERR_FLAG CAN_ERR_MASK CAN_ISOTP \
        CAN_J1939 CAN_RAW CAN_RAW_FD_FRAMES CAN_RAW_FILTER CAN_RAW_JOIN_FILTERS \
        CAN_RAW_LOOPBACK CAN_RAW_RECV_OWN_MSGS CAN_RTR_FLAG CAN_SFF_MASK CAPI CMSG_LEN \
        CMSG_SPACE EAGAIN EAI_ADDRFAMILY EAI_AGAIN EAI_BADFLAGS EAI_FAIL EAI_FAMILY \
        EAI_MEMORY EAI_NODATA EAI_NONAME EAI_OVERFLOW EAI_SERVICE EAI_SOCKTYPE EAI_SYSTEM \
        EBADF EWOULDBLOCK INADDR_ALLHOSTS_GROUP INADDR_ANY INADDR_BROADCAST INADDR_LOOPBACK \
        INADDR_MAX_LOCAL_GROUP INADDR_NONE INADDR_UNSPEC_GROUP \
        IOCTL_VM_SOCKETS_GET_LOCAL_CID IPPORT_RESERVED IPPORT_USERRESERVED IPPROTO_AH \
        IPPROTO_DSTOPTS IPPROTO_EGP IPPROTO_ESP IPPROTO_FRAGMENT IPPROTO_GRE IPPROTO_HOPOPTS \
        IPPROTO_ICMP IPPROTO_ICMPV6 IPPROTO_IDP IPPROTO_IGMP IPPROTO_IP IPPROTO_IPIP \
        IPPROTO_IPV6 IPPROTO_MPTCP IPPROTO_NONE IPPROTO_PIM IPPROTO_PUP IPPROTO_RAW \
        IPPROTO_ROUTING IPPROTO_RSVP IPPROTO_SCTP IPPROTO_TCP IPPROTO_TP IPPROTO_UDP \
        IPPROTO_UDPLITE IPV6_CHECKSUM IPV6_DONTFRAG IPV6_DSTOPTS IPV6_HOPLIMIT IPV6_HOPOPTS \
        IPV6_JOIN_GROUP IPV6_LEAVE_GROUP IPV6_MULTICAST_HOPS IPV6_MULTICAST_IF \
        IPV6_MULTICAST_LOOP IPV6_NEXTHOP IPV6_PATHMTU IPV6_PKTINFO IPV6_RECVDSTOPTS \
        IPV6_RECVHOPLIMIT IPV6_RECVHOPOPTS IPV6_RECVPATHMTU IPV6_RECVPKTINFO IPV6_RECVRTHDR \
        IPV6_RECVTCLASS IPV6_RTHDR IPV6_RTHDRDSTOPTS IPV6_RTHDR_TYPE_0 IPV6_TCLASS \
        IPV6_UNICAST_HOPS IPV6_V6ONLY IP_ADD_MEMBERSHIP IP_BIND_ADDRESS_NO_PORT \
        IP_DEFAULT_MULTICAST_LOOP IP_DEFAULT_MULTICAST_TTL IP_DROP_MEMBERSHIP IP_HDRINCL \
        IP_MAX_MEMBERSHIPS IP_MULTICAST_IF IP_MULTICAST_LOOP IP_MULTICAST_TTL IP_OPTIONS \
        IP_RECVOPTS IP_RECVRETOPTS IP_RECVTOS IP_RETOPTS IP_TOS IP_TRANSPARENT IP_TTL \
        IntEnum IntFlag J1939_EE_INFO_NONE J1939_EE_INFO_TX_ABORT J1939_FILTER_MAX \
        J1939_IDLE_ADDR J1939_MAX_UNICAST_ADDR J1939_NLA_BYTES_ACKED J1939_NLA_PAD \
        J1939_NO_ADDR J1939_NO_NAME J1939_NO_PGN J1939_PGN_ADDRESS_CLAIMED \
        J1939_PGN_ADDRESS_COMMANDED J1939_PGN_MAX J1939_PGN_PDU1_MAX J1939_PGN_REQUEST \
        MSG_CMSG_CLOEXEC MSG_CONFIRM MSG_CTRUNC MSG_DONTROUTE MSG_DONTWAIT MSG_EOR \
        MSG_ERRQUEUE MSG_FASTOPEN MSG_MORE MSG_NOSIGNAL MSG_OOB MSG_PEEK MSG_TRUNC \
        MSG_WAITALL MsgFlag NETLINK_CRYPTO NETLINK_DNRTMSG NETLINK_FIREWALL NETLINK_IP6_FW \
        NETLINK_NFLOG NETLINK_ROUTE NETLINK_USERSOCK NETLINK_XFRM NI_DGRAM NI_MAXHOST \
        NI_MAXSERV NI_NAMEREQD NI_NOFQDN NI_NUMERICHOST NI_NUMERICSERV PACKET_BROADCAST \
        PACKET_FASTROUTE PACKET_HOST PACKET_LOOPBACK PACKET_MULTICAST PACKET_OTHERHOST \
        PACKET_OUTGOING PF_CAN PF_PACKET PF_RDS SCM_CREDENTIALS SCM_J1939_DEST_ADDR \
        SCM_J1939_DEST_NAME SCM_J1939_ERRQUEUE SCM_J1939_PRIO SCM_RIGHTS SHUT_RD SHUT_RDWR \
        SHUT_WR SOCK_CLOEXEC SOCK_DGRAM SOCK_NONBLOCK SOCK_RAW SOCK_RDM SOCK_SEQPACKET \
        SOCK_STREAM SOL_ALG SOL_CAN_BASE SOL_CAN_RAW SOL_IP SOL_RDS SOL_SOCKET SOL_TCP \
        SOL_TIPC SOL_UDP SOMAXCONN SO_ACCEPTCONN SO_BINDTODEVICE SO_BROADCAST SO_DEBUG \
        SO_DOMAIN SO_DONTROUTE SO_ERROR SO_INCOMING_CPU SO_J1939_ERRQUEUE SO_J1939_FILTER \
        SO_J1939_PROMISC SO_J1939_SEND_PRIO SO_KEEPALIVE SO_LINGER SO_MARK SO_OOBINLINE \
        SO_PASSCRED SO_PASSSEC SO_PEERCRED SO_PEERSEC SO_PRIORITY SO_PROTOCOL SO_RCVBUF \
        SO_RCVLOWAT SO_RCVTIMEO SO_REUSEADDR SO_REUSEPORT SO_SNDBUF SO_SNDLOWAT SO_SNDTIMEO \
        SO_TYPE SO_VM_SOCKETS_BUFFER_MAX_SIZE SO_VM_SOCKETS_BUFFER_MIN_SIZE \
        SO_VM_SOCKETS_BUFFER_SIZE SocketIO SocketKind SocketType TCP_CONGESTION TCP_CORK \
        TCP_DEFER_ACCEPT TCP_FASTOPEN TCP_INFO TCP_KEEPCNT TCP_KEEPIDLE TCP_KEEPINTVL \
        TCP_LINGER2 TCP_MAXSEG TCP_NODELAY TCP_NOTSENT_LOWAT TCP_QUICKACK TCP_SYNCNT \
        TCP_USER_TIMEOUT TCP_WINDOW_CLAMP TIPC_ADDR_ID TIPC_ADDR_NAME TIPC_ADDR_NAMESEQ \
        TIPC_CFG_SRV TIPC_CLUSTER_SCOPE TIPC_CONN_TIMEOUT TIPC_CRITICAL_IMPORTANCE \
        TIPC_DEST_DROPPABLE TIPC_HIGH_IMPORTANCE TIPC_IMPORTANCE TIPC_LOW_IMPORTANCE \
        TIPC_MEDIUM_IMPORTANCE TIPC_NODE_SCOPE TIPC_PUBLISHED TIPC_SRC_DROPPABLE \
        TIPC_SUBSCR_TIMEOUT TIPC_SUB_CANCEL TIPC_SUB_PORTS TIPC_SUB_SERVICE TIPC_TOP_SRV \
        TIPC_WAIT_FOREVER TIPC_WITHDRAWN TIPC_ZONE_SCOPE UDPLITE_RECV_CSCOV \
        UDPLITE_SEND_CSCOV VMADDR_CID_ANY VMADDR_CID_HOST VMADDR_PORT_ANY \
        VM_SOCKETS_INVALID_VERSION array close create_connection create_server dup errno \
        error fromfd gaierror getaddrinfo getdefaulttimeout getfqdn gethostbyaddr \
        gethostbyname gethostbyname_ex gethostname getnameinfo getprotobyname getservbyname \
        getservbyport has_dualstack_ipv6 has_ipv6 herror htonl htons if_indextoname \
        if_nameindex if_nametoindex inet_aton inet_ntoa inet_ntop inet_pton io ntohl ntohs \
        os recv_fds selectors send_fds setdefaulttimeout sethostname socket socketpair sys \
        timeout",
    ),
    (
        "sys",
        "abiflags addaudithook api_version argv audit base_exec_prefix base_prefix \
        breakpointhook builtin_module_names byteorder call_tracing copyright displayhook \
        dont_write_bytecode exc_info excepthook exception exec_prefix executable exit flags \
        float_info float_repr_style get_asyncgen_hooks get_coroutine_origin_tracking_depth \
        get_int_max_str_digits getallocatedblocks getdefaultencoding getdlopenflags \
        getfilesystemencodeerrors getfilesystemencoding getprofile getrecursionlimit \
        getrefcount getsizeof getswitchinterval gettrace hash_info hexversion implementation \
        int_info intern is_finalizing maxsize maxunicode meta_path modules orig_argv path \
        path_hooks path_importer_cache platform platlibdir prefix pycache_prefix \
        set_asyncgen_hooks set_coroutine_origin_tracking_depth set_int_max_str_digits \
        setdlopenflags setprofile setrecursionlimit setswitchinterval settrace stderr stdin \
        stdlib_module_names stdout thread_info unraisablehook version version_info \
        warnoptions",
    ),
    (
        "threading",
        "Barrier BoundedSemaphore BrokenBarrierError Condition Event ExceptHookArgs Lock \
        RLock Semaphore TIMEOUT_MAX Thread ThreadError Timer WeakSet activeCount \
        active_count currentThread current_thread enumerate excepthook functools get_ident \
        get_native_id getprofile gettrace local main_thread setprofile settrace stack_size",
    ),
    (
        "time",
        "CLOCK_BOOTTIME CLOCK_MONOTONIC CLOCK_MONOTONIC_RAW CLOCK_PROCESS_CPUTIME_ID \
        CLOCK_REALTIME CLOCK_TAI CLOCK_THREAD_CPUTIME_ID altzone asctime clock_getres \
        clock_gettime clock_gettime_ns clock_settime clock_settime_ns ctime daylight \
        get_clock_info gmtime localtime mktime monotonic monotonic_ns perf_counter \
        perf_counter_ns process_time process_time_ns pthread_getcpuclockid sleep strftime \
        strptime struct_time thread_time thread_time_ns time time_ns timezone tzname tzset",
    ),
    (
        "unicodedata",
        "UCD bidirectional category combining decimal decomposition digit east_asian_width \
        is_normalized lookup mirrored name normalize numeric ucd_3_2_0 unidata_version",
    ),
];

/// The note to append to "module 'M' has no attribute 'N'" when CPython's
/// module `M` has `N`: `" (CPython's M.N is outside MiniPy)"`, else `""`.
pub fn outside_note(module: &str, name: &str) -> String {
    let known = CPYTHON_NAMES
        .binary_search_by(|(m, _)| (*m).cmp(module))
        .is_ok_and(|i| CPYTHON_NAMES[i].1.split(' ').any(|n| n == name));
    if known {
        format!(" (CPython's {module}.{name} is outside MiniPy)")
    } else {
        String::new()
    }
}
