// The developers' CLI (issue 18): being written.
console.error("capstan: not built yet");
process.exit(1);
