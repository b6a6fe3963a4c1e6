/** The header the cluster page's upload sends, so a stored lock says how it arrived (shared by client and server). */
export const UPLOAD_HEADER = "x-portal-upload";
