/** Save a Blob (a File from the http client carries the server's file name) as a download; returns the name. */
export function saveDownload(blob: Blob, fallbackName: string): string {
  const name = typeof File !== 'undefined' && blob instanceof File && blob.name ? blob.name : fallbackName
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return name
}
