/* Made by make from the configured paths: do not edit. */
#define LOCALEDIR "/usr/local/share/locale"
#define MIZ_DATADIR "/usr/local/share/miz"
#define MIZ_SRCDATADIR "/work/main/data"
#define MIZ_LIBEXECDIR "/usr/local/libexec/miz"
