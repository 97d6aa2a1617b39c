/** E-mail to agencies and staff, shared by every process of the platform. */
package vn.hanoi.lgsp.notification;
