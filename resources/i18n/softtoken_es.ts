<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name />
    <message>
        <source>Show softtoken</source>
        <translation>Mostrar softtoken</translation>
    </message>
    <message>
        <source>You already have a token</source>
        <translation>Ya tiene un token</translation>
    </message>
    <message>
        <source>An activation link arrived, and this workstation already has a token. If the help desk sent you a replacement, replace your token. Add it as another token only if you were told to have more than one.</source>
        <translation>Ha llegado un enlace de activación y este equipo ya tiene un token. Si el servicio de asistencia le envió un reemplazo, reemplace su token. Añádalo como otro token solo si le indicaron que debe tener más de uno.</translation>
    </message>
    <message>
        <source>Replace my token…</source>
        <translation>Reemplazar mi token…</translation>
    </message>
    <message>
        <source>Add another token</source>
        <translation>Añadir otro token</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Replace token</source>
        <translation>Reemplazar token</translation>
    </message>
    <message>
        <source>Choose the token to replace first.</source>
        <translation>Elija primero el token que quiere reemplazar.</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>softtoken {version}</source>
        <translation>softtoken {version}</translation>
    </message>
    <message>
        <source>Something went wrong inside softtoken (a bug). Nothing was changed. Please tell your help desk what you were doing.</source>
        <translation>Algo falló dentro de softtoken (un error del programa). No se cambió nada. Cuente a su servicio de asistencia qué estaba haciendo.</translation>
    </message>
    <message>
        <source>Incorrect PIN</source>
        <translation>PIN incorrecto</translation>
    </message>
    <message>
        <source>Token cannot be used</source>
        <translation>No se puede usar el token</translation>
    </message>
    <message>
        <source>Keystore problem</source>
        <translation>Problema con el almacén de claves</translation>
    </message>
    <message>
        <source>Token vault problem</source>
        <translation>Problema con el almacén de tokens</translation>
    </message>
    <message>
        <source>Policy problem</source>
        <translation>Problema con la política</translation>
    </message>
    <message>
        <source>Cannot use this</source>
        <translation>No se puede usar</translation>
    </message>
    <message>
        <source>softtoken</source>
        <translation>softtoken</translation>
    </message>
    <message>
        <source>Serial {serial}</source>
        <translation>Número de serie {serial}</translation>
    </message>
    <message>
        <source>No serial</source>
        <translation>Sin número de serie</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>waiting for network sync until {time}</source>
        <translation>esperando la sincronización con la red hasta las {time}</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Choose a token</source>
        <translation>Elija un token</translation>
    </message>
    <message>
        <source>Your tokens</source>
        <translation>Sus tokens</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Open the token chosen in the list</source>
        <translation>Abrir el token elegido en la lista</translation>
    </message>
    <message>
        <source>Enter your token &amp;PIN:</source>
        <translation>Introduzca el &amp;PIN del token:</translation>
    </message>
    <message>
        <source>Token PIN</source>
        <translation>PIN del token</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Forgot PIN?</source>
        <translation>¿Olvidó el PIN?</translation>
    </message>
    <message>
        <source>Replace this token if you cannot remember its PIN</source>
        <translation>Reemplace este token si no recuerda su PIN</translation>
    </message>
    <message>
        <source>Other token</source>
        <translation>Otro token</translation>
    </message>
    <message>
        <source>{n}-digit PIN</source>
        <translation>PIN de {n} dígitos</translation>
    </message>
    <message>
        <source>Generate passcode</source>
        <translation>Generar código</translation>
    </message>
    <message>
        <source>Checking your PIN…</source>
        <translation>Comprobando su PIN…</translation>
    </message>
    <message>
        <source>Too many wrong PINs.</source>
        <translation>Demasiados PIN incorrectos.</translation>
    </message>
    <message>
        <source>Time left for this passcode</source>
        <translation>Tiempo restante de este código</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the passcode; the clipboard is cleared again</source>
        <translation>Copia el código; el portapapeles se vacía después</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Passcode {digits}</source>
        <translation>Código {digits}</translation>
    </message>
    <message>
        <source>Changes in {s} s</source>
        <translation>Cambia en {s} s</translation>
    </message>
    <message>
        <source>Locks in {s} s</source>
        <translation>Se bloquea en {s} s</translation>
    </message>
    <message>
        <source>{s} seconds left</source>
        <translation>Quedan {s} segundos</translation>
    </message>
    <message>
        <source>Copied — clears in {s} s</source>
        <translation>Copiado: se borra en {s} s</translation>
    </message>
    <message>
        <source>Passcode</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>This token is disabled</source>
        <translation>Este token está desactivado</translation>
    </message>
    <message>
        <source>Replace token…</source>
        <translation>Reemplazar token…</translation>
    </message>
    <message>
        <source>Token '{name}' is disabled</source>
        <translation>El token «{name}» está desactivado</translation>
    </message>
    <message>
        <source>It was disabled after too many wrong PINs and cannot be unlocked again, by anyone.</source>
        <translation>Se desactivó tras demasiados PIN incorrectos y ya nadie puede volver a desbloquearlo.</translation>
    </message>
    <message>
        <source>Locked after {seconds} seconds without use.</source>
        <translation>Se bloqueó tras {seconds} segundos sin uso.</translation>
    </message>
    <message>
        <source>Locked after 1 minute without use.</source>
        <translation>Se bloqueó tras 1 minuto sin uso.</translation>
    </message>
    <message>
        <source>Locked after {minutes} minutes without use.</source>
        <translation>Se bloqueó tras {minutes} minutos sin uso.</translation>
    </message>
    <message>
        <source>Locked when the window was minimized.</source>
        <translation>Se bloqueó al minimizar la ventana.</translation>
    </message>
    <message>
        <source>Locked when the window was hidden.</source>
        <translation>Se bloqueó al ocultarse la ventana.</translation>
    </message>
    <message>
        <source>To get a new token, contact:</source>
        <translation>Para obtener un token nuevo, póngase en contacto con:</translation>
    </message>
    <message>
        <source>To get a new token, ask your help desk for a new activation.</source>
        <translation>Para obtener un token nuevo, pida una nueva activación a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>Help desk contact</source>
        <translation>Contacto del servicio de asistencia</translation>
    </message>
    <message>
        <source>softtoken cannot open your tokens</source>
        <translation>softtoken no puede abrir sus tokens</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Restaurar la copia de seguridad</translation>
    </message>
    <message>
        <source>Opening your tokens…</source>
        <translation>Abriendo sus tokens…</translation>
    </message>
    <message>
        <source>&amp;Token</source>
        <translation>&amp;Token</translation>
    </message>
    <message>
        <source>&amp;Add a token…</source>
        <translation>&amp;Añadir un token…</translation>
    </message>
    <message>
        <source>&amp;Replace token…</source>
        <translation>&amp;Reemplazar token…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Support card…</source>
        <translation>&amp;Ficha de asistencia…</translation>
    </message>
    <message>
        <source>Restore the previous version</source>
        <translation>Restaurar la versión anterior</translation>
    </message>
    <message>
        <source>softtoken keeps the previous version of your token vault. Restoring it replaces the damaged file (which is kept aside for your help desk). Restore it now?</source>
        <translation>softtoken guarda la versión anterior de su almacén de tokens. Al restaurarla se reemplaza el archivo dañado (que se guarda aparte para su servicio de asistencia). ¿Restaurarla ahora?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>The audit log could not be written; tell your help desk.</source>
        <translation>No se pudo escribir el registro de auditoría; avise a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>1 second left</source>
        <translation>Queda 1 segundo</translation>
    </message>
    <message>
        <source>New passcode {digits}</source>
        <translation>Nuevo código {digits}</translation>
    </message>
    <message>
        <source>Copied. The clipboard is cleared in {s} seconds.</source>
        <translation>Copiado. El portapapeles se vaciará en {s} segundos.</translation>
    </message>
    <message>
        <source>You can try the PIN again now.</source>
        <translation>Ya puede volver a intentar el PIN.</translation>
    </message>
    <message>
        <source>Locked when the last passcode expired.</source>
        <translation>Se bloqueó al caducar el último código.</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Waiting for network sync · until {time}</source>
        <translation>Esperando la sincronización de red · hasta las {time}</translation>
    </message>
    <message>
        <source>Waiting for network sync until {time}</source>
        <translation>Esperando la sincronización de red hasta las {time}</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <source>Next: {code}</source>
        <translation>Siguiente: {code}</translation>
    </message>
    <message>
        <source>Next passcode {digits}</source>
        <translation>Siguiente código {digits}</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>&amp;Show PIN</source>
        <translation>&amp;Mostrar el PIN</translation>
    </message>
    <message>
        <source>Show PIN</source>
        <translation>Mostrar el PIN</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Restore the previous version of your token vault</source>
        <translation>Restaurar la versión anterior de su almacén de tokens</translation>
    </message>
    <message>
        <source>No token on this workstation yet</source>
        <translation>Aún no hay ningún token en este puesto de trabajo</translation>
    </message>
    <message>
        <source>Add one with the activation link or QR code your help desk sent you.</source>
        <translation>Añada uno con el enlace de activación o el código QR que le envió su servicio de asistencia.</translation>
    </message>
    <message>
        <source>Add a token</source>
        <translation>Añadir un token</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
</context>
<context>
    <name>ActivationWizard</name>
    <message>
        <source>four</source>
        <translation>cuatro</translation>
    </message>
    <message>
        <source>five</source>
        <translation>cinco</translation>
    </message>
    <message>
        <source>six</source>
        <translation>seis</translation>
    </message>
    <message>
        <source>seven</source>
        <translation>siete</translation>
    </message>
    <message>
        <source>eight</source>
        <translation>ocho</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>time-based token (TOTP), a new {digits}-digit code every {period} seconds</source>
        <translation>token por tiempo (TOTP), un código nuevo de {digits} dígitos cada {period} segundos</translation>
    </message>
    <message>
        <source>counter-based token (HOTP), {digits}-digit codes</source>
        <translation>token por contador (HOTP), códigos de {digits} dígitos</translation>
    </message>
    <message>
        <source>issuer {issuer}</source>
        <translation>emisor {issuer}</translation>
    </message>
    <message>
        <source>account {account}</source>
        <translation>cuenta {account}</translation>
    </message>
    <message>
        <source>serial {serial}</source>
        <translation>número de serie {serial}</translation>
    </message>
    <message>
        <source>{kind}; {details}</source>
        <translation>{kind}; {details}</translation>
    </message>
    <message>
        <source>(two-step activation: at the end you get a code to type into the issuer's page)</source>
        <translation>(activación en dos pasos: al final recibirá un código para escribir en la página del emisor)</translation>
    </message>
    <message>
        <source>not linked to an issuer serial — ask your help desk if they expect one</source>
        <translation>no está vinculado a un número de serie del emisor: pregunte a su servicio de asistencia si esperan uno</translation>
    </message>
    <message>
        <source>Activate your token</source>
        <translation>Active su token</translation>
    </message>
    <message>
        <source>Paste the link from the issuer's e-mail, or open the QR code or key file you got.</source>
        <translation>Pegue el enlace del correo del emisor, o abra el código QR o el archivo de clave que recibió.</translation>
    </message>
    <message>
        <source>Activation link (starts with otpauth://):</source>
        <translation>Enlace de activación (empieza por otpauth://):</translation>
    </message>
    <message>
        <source>Open QR image…</source>
        <translation>Abrir imagen QR…</translation>
    </message>
    <message>
        <source>Open QR image</source>
        <translation>Abrir imagen QR</translation>
    </message>
    <message>
        <source>Choose a saved picture or screenshot of the QR code.</source>
        <translation>Elija una foto o captura de pantalla guardada del código QR.</translation>
    </message>
    <message>
        <source>Scan QR code on screen</source>
        <translation>Escanear código QR en pantalla</translation>
    </message>
    <message>
        <source>Reads a QR code that is visible on your screen now, for example in the issuer's web page. Move this window aside so the whole code can be seen.</source>
        <translation>Lee un código QR visible ahora en su pantalla, por ejemplo en la página web del emisor. Aparte esta ventana para que se vea el código completo.</translation>
    </message>
    <message>
        <source>Open key file (PSKC)…</source>
        <translation>Abrir archivo de clave (PSKC)…</translation>
    </message>
    <message>
        <source>Open key file (PSKC)</source>
        <translation>Abrir archivo de clave (PSKC)</translation>
    </message>
    <message>
        <source>Choose the PSKC key file the token vendor sent.</source>
        <translation>Elija el archivo de clave PSKC que envió el proveedor del token.</translation>
    </message>
    <message>
        <source>This holds several tokens. Activate:</source>
        <translation>Contiene varios tokens. Activar:</translation>
    </message>
    <message>
        <source>Token to activate</source>
        <translation>Token que se activará</translation>
    </message>
    <message>
        <source>Token found</source>
        <translation>Token encontrado</translation>
    </message>
    <message>
        <source>Paste the link here (Ctrl+V). You may paste the whole e-mail.
Then press Ctrl+Enter, or Tab to the buttons.</source>
        <translation>Pegue aquí el enlace (Ctrl+V). Puede pegar el correo entero.
Luego pulse Ctrl+Intro, o Tab para ir a los botones.</translation>
    </message>
    <message>
        <source>Activation link</source>
        <translation>Enlace de activación</translation>
    </message>
    <message>
        <source>Paste the activation link or the whole e-mail. Enter starts a new line; press Ctrl+Enter to go to the next step, or Tab to leave the box.</source>
        <translation>Pegue el enlace de activación o el correo entero. Intro empieza una línea nueva; pulse Ctrl+Intro para ir al paso siguiente, o Tab para salir del cuadro.</translation>
    </message>
    <message>
        <source>Found in {origin}: {token}.</source>
        <translation>Encontrado en {origin}: {token}.</translation>
    </message>
    <message>
        <source>Found: {token}.</source>
        <translation>Encontrado: {token}.</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Key files (*.pskc *.pskcxml *.xml);;All files (*)</source>
        <translation>Archivos de clave (*.pskc *.pskcxml *.xml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Key file password</source>
        <translation>Contraseña del archivo de clave</translation>
    </message>
    <message>
        <source>This key file is protected by a password. Enter the password the vendor sent with it:</source>
        <translation>Este archivo de clave está protegido con una contraseña. Introduzca la contraseña que envió el proveedor:</translation>
    </message>
    <message>
        <source>Key file key</source>
        <translation>Clave del archivo de clave</translation>
    </message>
    <message>
        <source>This key file is locked with a key the vendor sent separately. Type its 32 hex digits (0-9 and A-F):</source>
        <translation>Este archivo de clave está cerrado con una clave que el proveedor envió aparte. Escriba sus 32 dígitos hexadecimales (0-9 y A-F):</translation>
    </message>
    <message>
        <source>a QR code on the screen</source>
        <translation>un código QR en la pantalla</translation>
    </message>
    <message>
        <source>Name your token</source>
        <translation>Ponga nombre a su token</translation>
    </message>
    <message>
        <source>Enter a name and click the Activate button.</source>
        <translation>Escriba un nombre y pulse el botón Activar.</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Activar</translation>
    </message>
    <message>
        <source>The name tells your tokens apart, for you and for your help desk. Use at most {max} characters.</source>
        <translation>El nombre distingue sus tokens, para usted y para su servicio de asistencia. Use como máximo {max} caracteres.</translation>
    </message>
    <message>
        <source>Token name</source>
        <translation>Nombre del token</translation>
    </message>
    <message>
        <source>At most {max} characters.</source>
        <translation>Como máximo {max} caracteres.</translation>
    </message>
    <message>
        <source>Token &amp;name:</source>
        <translation>&amp;Nombre del token:</translation>
    </message>
    <message>
        <source>Set your token PIN</source>
        <translation>Elija el PIN de su token</translation>
    </message>
    <message>
        <source>Click Continue to complete your token set up.</source>
        <translation>Pulse Continuar para terminar de configurar su token.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>This is a {words}-digit code that you'll need to enter each time you use your soft token, so choose something that you'll remember. Avoid easy PINs such as 1234 or your birth year.</source>
        <translation>Es un código de {words} dígitos que tendrá que introducir cada vez que use su token de software, así que elija algo que recuerde. Evite PIN fáciles como 1234 o su año de nacimiento.</translation>
    </message>
    <message>
        <source>{n} digits.</source>
        <translation>{n} dígitos.</translation>
    </message>
    <message>
        <source>New token PIN</source>
        <translation>PIN nuevo del token</translation>
    </message>
    <message>
        <source>Type the PIN again</source>
        <translation>Escriba el PIN otra vez</translation>
    </message>
    <message>
        <source>&amp;Show PIN</source>
        <translation>&amp;Mostrar PIN</translation>
    </message>
    <message>
        <source>Show PIN</source>
        <translation>Mostrar PIN</translation>
    </message>
    <message>
        <source>Shows the digits you type. Make sure nobody is watching.</source>
        <translation>Muestra los dígitos que escribe. Asegúrese de que nadie esté mirando.</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>&amp;Type it again:</source>
        <translation>&amp;Repítalo:</translation>
    </message>
    <message>
        <source>Activating</source>
        <translation>Activando</translation>
    </message>
    <message>
        <source>Activating…</source>
        <translation>Activando…</translation>
    </message>
    <message>
        <source>Your token is ready</source>
        <translation>Su token está listo</translation>
    </message>
    <message>
        <source>Your token is set up</source>
        <translation>Su token está configurado</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Número de serie</translation>
    </message>
    <message>
        <source>Token name:</source>
        <translation>Nombre del token:</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>Número de serie:</translation>
    </message>
    <message>
        <source>To finish, type this activation code into the issuer's page:</source>
        <translation>Para terminar, escriba este código de activación en la página del emisor:</translation>
    </message>
    <message>
        <source>Activation code</source>
        <translation>Código de activación</translation>
    </message>
    <message>
        <source>Type this code into the issuer's page to finish.</source>
        <translation>Escriba este código en la página del emisor para terminar.</translation>
    </message>
    <message>
        <source>If the issuer's page asks for a passcode to confirm the activation, click Finish and enter your PIN to see one.</source>
        <translation>Si la página del emisor pide un código para confirmar la activación, pulse Finalizar e introduzca su PIN para ver uno.</translation>
    </message>
    <message>
        <source>Your token is now linked to your account and ready for use.</source>
        <translation>Su token ya está vinculado a su cuenta y listo para usarse.</translation>
    </message>
    <message>
        <source>Your token is now linked to your account and will automatically be activated for use after syncing with the network, which may take up to {minutes} minutes (about {time}).</source>
        <translation>Su token ya está vinculado a su cuenta y se activará automáticamente para su uso tras sincronizarse con la red, lo que puede tardar hasta {minutes} minutos (hacia las {time}).</translation>
    </message>
    <message>
        <source>Activate your soft token</source>
        <translation>Active su token de software</translation>
    </message>
</context>
<context>
    <name>ReplacementWizard</name>
    <message>
        <source>Why are you replacing this token?</source>
        <translation>¿Por qué reemplaza este token?</translation>
    </message>
    <message>
        <source>Token: {name}</source>
        <translation>Token: {name}</translation>
    </message>
    <message>
        <source>Lost or stolen device</source>
        <translation>Dispositivo perdido o robado</translation>
    </message>
    <message>
        <source>Forgot my PIN</source>
        <translation>Olvidé mi PIN</translation>
    </message>
    <message>
        <source>Token locked out</source>
        <translation>Token bloqueado</translation>
    </message>
    <message>
        <source>The help desk sent me a new token</source>
        <translation>El servicio de asistencia me envió un token nuevo</translation>
    </message>
    <message>
        <source>Moving to a new workstation</source>
        <translation>Me cambio a otro equipo</translation>
    </message>
    <message>
        <source>Report the loss to your practice's EPCS administrators now: the rules say within one business day. Then ask the issuer for a new activation; the old token stops working on this workstation as soon as the new one is set up, and the issuer must revoke it.</source>
        <translation>Comunique la pérdida ahora a los administradores de EPCS de su consulta: las normas piden hacerlo en un día hábil. Luego pida una nueva activación al emisor; el token antiguo deja de funcionar en este equipo en cuanto se configure el nuevo, y el emisor debe revocarlo.</translation>
    </message>
    <message>
        <source>A forgotten PIN cannot be recovered or reset. Ask the issuer for a new activation; you will choose a new PIN. The old token stops working on this workstation.</source>
        <translation>Un PIN olvidado no se puede recuperar ni restablecer. Pida una nueva activación al emisor; elegirá un PIN nuevo. El token antiguo deja de funcionar en este equipo.</translation>
    </message>
    <message>
        <source>A token locked after too many wrong PINs cannot be unlocked again. Ask the issuer for a new activation; you will choose a new PIN.</source>
        <translation>Un token bloqueado por demasiados PIN incorrectos no se puede volver a desbloquear. Pida una nueva activación al emisor; elegirá un PIN nuevo.</translation>
    </message>
    <message>
        <source>Use the new activation link, QR code or key file the help desk sent. The old token stops working on this workstation; you do not need its PIN.</source>
        <translation>Use el nuevo enlace de activación, código QR o archivo de clave que envió el servicio de asistencia. El token antiguo deja de funcionar en este equipo; no necesita su PIN.</translation>
    </message>
    <message>
        <source>The token cannot be copied to another computer. It will be removed from this workstation; then ask the issuer for a new activation on the new workstation.</source>
        <translation>El token no se puede copiar a otro equipo. Se eliminará de este equipo; luego pida al emisor una nueva activación en el equipo nuevo.</translation>
    </message>
    <message>
        <source>I have reported the loss to my practice's EPCS administrators</source>
        <translation>He comunicado la pérdida a los administradores de EPCS de mi consulta</translation>
    </message>
    <message>
        <source>Help desk: {contact}</source>
        <translation>Servicio de asistencia: {contact}</translation>
    </message>
    <message>
        <source>Remove the token from this workstation</source>
        <translation>Eliminar el token de este equipo</translation>
    </message>
    <message>
        <source>The token '{name}' will be destroyed on this workstation and cannot be brought back. Its seed is never exported. On the new workstation, ask the issuer for a new activation.</source>
        <translation>El token «{name}» se destruirá en este equipo y no se podrá recuperar. Su semilla nunca se exporta. En el equipo nuevo, pida al emisor una nueva activación.</translation>
    </message>
    <message>
        <source>I understand: this token will stop working here for good</source>
        <translation>Entiendo: este token dejará de funcionar aquí para siempre</translation>
    </message>
    <message>
        <source>Remove token</source>
        <translation>Eliminar token</translation>
    </message>
    <message>
        <source>Remove the token</source>
        <translation>Eliminar el token</translation>
    </message>
    <message>
        <source>Remove token '{name}' from this workstation now? This cannot be undone.</source>
        <translation>¿Eliminar ahora el token «{name}» de este equipo? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>The token was removed</source>
        <translation>El token se eliminó</translation>
    </message>
    <message>
        <source>The token no longer exists on this workstation. On your new workstation, open softtoken and use the new activation from your issuer. Ask the issuer to revoke the old token.</source>
        <translation>El token ya no existe en este equipo. En su equipo nuevo, abra softtoken y use la nueva activación de su emisor. Pida al emisor que revoque el token antiguo.</translation>
    </message>
    <message>
        <source>Your new token is ready</source>
        <translation>Su token nuevo está listo</translation>
    </message>
    <message>
        <source>Your new token is set up</source>
        <translation>Su token nuevo está configurado</translation>
    </message>
    <message>
        <source>The old token '{name}' (serial {serial}) no longer works on this workstation. The issuer must revoke it: tell your help desk if they did not send this replacement.</source>
        <translation>El token antiguo «{name}» (número de serie {serial}) ya no funciona en este equipo. El emisor debe revocarlo: avise a su servicio de asistencia si no fue él quien envió este reemplazo.</translation>
    </message>
    <message>
        <source>Replace your soft token</source>
        <translation>Reemplace su token de software</translation>
    </message>
    <message>
        <source>Activate the new token</source>
        <translation>Active el token nuevo</translation>
    </message>
    <message>
        <source>Paste the new link from the issuer, or open the new QR code or key file.</source>
        <translation>Pegue el nuevo enlace del emisor, o abra el nuevo código QR o archivo de clave.</translation>
    </message>
    <message>
        <source>Set your new token PIN</source>
        <translation>Elija el PIN de su token nuevo</translation>
    </message>
</context>
<context>
    <name>ActivationWizard</name>
    <!-- flows (issue 12) -->
    <message>
        <source>Passcode {digits}</source>
        <translation>Código {digits}</translation>
    </message>
    <message>
        <source>Changes in {s} s</source>
        <translation>Cambia en {s} s</translation>
    </message>
    <message>
        <source>Hidden in {s} s</source>
        <translation>Se oculta en {s} s</translation>
    </message>
    <message>
        <source>That passcode expired. Enter your PIN for a new one.</source>
        <translation>Ese código ha caducado. Introduzca su PIN para obtener otro.</translation>
    </message>
    <message>
        <source>Link read; its secret is hidden. Paste another link to replace it.</source>
        <translation>Enlace leído; su secreto está oculto. Pegue otro enlace para reemplazarlo.</translation>
    </message>
</context>
<context>
    <name></name>
    <!-- flows (issue 12) -->
    <message>
        <source>Which token does the new activation replace?</source>
        <translation>¿Qué token reemplaza la nueva activación?</translation>
    </message>
    <message>
        <source>Move into the security chip</source>
        <translation>Mover al chip de seguridad</translation>
    </message>
    <message>
        <source>&amp;Move into the security chip…</source>
        <translation>&amp;Mover al chip de seguridad…</translation>
    </message>
    <message>
        <source>Choose a token first.</source>
        <translation>Elija primero un token.</translation>
    </message>
    <message>
        <source>Token '{name}' is already kept in this computer's TPM security chip.</source>
        <translation>El token '{name}' ya está guardado en el chip de seguridad TPM de este equipo.</translation>
    </message>
    <message>
        <source>Type the PIN of token '{name}' to move its key into this computer's TPM security chip. The token and its passcodes stay the same.</source>
        <translation>Escriba el PIN del token '{name}' para mover su clave al chip de seguridad TPM de este equipo. El token y sus códigos siguen siendo los mismos.</translation>
    </message>
    <message>
        <source>Token '{name}' is now kept in this computer's TPM security chip.</source>
        <translation>El token '{name}' ahora está guardado en el chip de seguridad TPM de este equipo.</translation>
    </message>
    <message>
        <source>key in the TPM security chip</source>
        <translation>clave en el chip de seguridad TPM</translation>
    </message>
    <message>
        <source>key in software</source>
        <translation>clave en software</translation>
    </message>
</context>
<context>
    <name>qr_scan</name>
    <message>
        <source>Screen capture is not available on this desktop (some Wayland sessions do not allow it). Save the QR code as a picture and use “Open QR image…”, or paste the activation link instead.</source>
        <translation>La captura de pantalla no está disponible en este escritorio (algunas sesiones Wayland no la permiten). Guarde el código QR como imagen y use «Abrir imagen QR…», o pegue el enlace de activación.</translation>
    </message>
    <message>
        <source>No QR code was visible on the screen. Make sure the whole code is visible and not covered by another window (move this window aside), then try again.</source>
        <translation>No se veía ningún código QR en la pantalla. Asegúrese de que el código completo esté visible y no tapado por otra ventana (aparte esta ventana) y vuelva a intentarlo.</translation>
    </message>
</context>
<context>
    <name>launch</name>
    <message>
        <source>no graphical display: run it from your desktop session, or use softtoken-cli</source>
        <translation>no hay pantalla gráfica: ábralo desde su sesión de escritorio, o use softtoken-cli</translation>
    </message>
</context>
<context>
    <name>Icons</name>
    <!-- what a screen reader says of an icon (issue 16, gui/icons.py) -->
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Desbloqueado</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Código QR</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Archivo de clave</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Pantalla</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Security chip</source>
        <translation>Chip de seguridad</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
</context>
<context>
    <name>SupportDialog</name>
    <message>
        <source>Support card</source>
        <translation>Ficha de asistencia</translation>
    </message>
    <message>
        <source>Read this to your help desk or send it: it never contains your seed, your PIN or a passcode.</source>
        <translation>Léala a su servicio de asistencia o envíela: nunca contiene su semilla, su PIN ni un código.</translation>
    </message>
    <message>
        <source>Support information</source>
        <translation>Información de asistencia</translation>
    </message>
    <message>
        <source>Check the clock</source>
        <translation>Comprobar el reloj</translation>
    </message>
    <message>
        <source>Copy support info</source>
        <translation>Copiar la información</translation>
    </message>
    <message>
        <source>Save support bundle…</source>
        <translation>Guardar paquete de asistencia…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Collecting…</source>
        <translation>Recopilando…</translation>
    </message>
    <message>
        <source>Checking the clock…</source>
        <translation>Comprobando el reloj…</translation>
    </message>
    <message>
        <source>Copied. Paste it into your message to the help desk.</source>
        <translation>Copiado. Péguelo en su mensaje al servicio de asistencia.</translation>
    </message>
    <message>
        <source>Save support bundle</source>
        <translation>Guardar paquete de asistencia</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Archivos zip (*.zip)</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Guardado en {path}.</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Mostrar detalles</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Ocultar detalles</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Detalles técnicos</translation>
    </message>
</context>
<context>
    <name>support_card</name>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>disabled: replace it to continue</source>
        <translation>desactivado: reemplácelo para continuar</translation>
    </message>
    <message>
        <source>a file (weaker: admin policy)</source>
        <translation>un archivo (más débil: política del administrador)</translation>
    </message>
    <message>
        <source>the Secret Service</source>
        <translation>el Secret Service</translation>
    </message>
    <message>
        <source>Clock: no time server set, so softtoken cannot check it. Compare this computer's time with your phone; your administrator can set a time server (ntp_server) in the policy.</source>
        <translation>Reloj: no hay servidor de hora configurado, así que softtoken no puede comprobarlo. Compare la hora de este equipo con la de su teléfono; su administrador puede configurar un servidor de hora (ntp_server) en la política.</translation>
    </message>
    <message>
        <source>Tokens: cannot be read (the problem is on this card).</source>
        <translation>Tokens: no se pueden leer (el problema figura en esta ficha).</translation>
    </message>
    <message>
        <source>Tokens: none on this computer yet.</source>
        <translation>Tokens: todavía ninguno en este equipo.</translation>
    </message>
    <message>
        <source>Token {number}: {name}</source>
        <translation>Token {number}: {name}</translation>
    </message>
    <message>
        <source>Account: {account}</source>
        <translation>Cuenta: {account}</translation>
    </message>
    <message>
        <source>Issuer: {issuer}</source>
        <translation>Emisor: {issuer}</translation>
    </message>
    <message>
        <source>Serial: {serial}</source>
        <translation>Número de serie: {serial}</translation>
    </message>
    <message>
        <source>Serial: none (not linked to an issuer serial)</source>
        <translation>Número de serie: ninguno (no vinculado a un número de serie del emisor)</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Estado: {state}</translation>
    </message>
    <message>
        <source>State: waiting for network sync until {when}</source>
        <translation>Estado: esperando la sincronización con la red hasta {when}</translation>
    </message>
    <message>
        <source>Attempts left: {left} of {limit}</source>
        <translation>Intentos restantes: {left} de {limit}</translation>
    </message>
    <message>
        <source>Next PIN try allowed in {minutes} min {seconds} s</source>
        <translation>Próximo intento de PIN permitido dentro de {minutes} min {seconds} s</translation>
    </message>
    <message>
        <source>Activated: {when}</source>
        <translation>Activado: {when}</translation>
    </message>
    <message>
        <source>Last used: {when}</source>
        <translation>Último uso: {when}</translation>
    </message>
    <message>
        <source>Last used: never</source>
        <translation>Último uso: nunca</translation>
    </message>
    <message>
        <source>Earlier token {name} (serial {serial}): replaced {when} ({reason})</source>
        <translation>Token anterior {name} (número de serie {serial}): reemplazado el {when} ({reason})</translation>
    </message>
    <message>
        <source>Earlier token {name} (serial {serial}): removed {when} ({reason})</source>
        <translation>Token anterior {name} (número de serie {serial}): retirado el {when} ({reason})</translation>
    </message>
    <message>
        <source>This computer's time: {time} ({offset})</source>
        <translation>Hora de este equipo: {time} ({offset})</translation>
    </message>
    <message>
        <source>Clock: not checked yet against {server}.</source>
        <translation>Reloj: todavía no comprobado con {server}.</translation>
    </message>
    <message>
        <source>Clock: could not be checked against {server} (no answer, {when}).</source>
        <translation>Reloj: no se pudo comprobar con {server} (sin respuesta, {when}).</translation>
    </message>
    <message>
        <source>Clock: right, within {seconds} s of {server} (checked {when}).</source>
        <translation>Reloj: correcto, a menos de {seconds} s de {server} (comprobado el {when}).</translation>
    </message>
    <message>
        <source>Clock: {seconds} s fast against {server} (checked {when}): passcodes may be rejected.</source>
        <translation>Reloj: {seconds} s adelantado respecto a {server} (comprobado el {when}): es posible que se rechacen los códigos.</translation>
    </message>
    <message>
        <source>Clock: {seconds} s slow against {server} (checked {when}): passcodes may be rejected.</source>
        <translation>Reloj: {seconds} s atrasado respecto a {server} (comprobado el {when}): es posible que se rechacen los códigos.</translation>
    </message>
    <message>
        <source>Clock: {seconds} s fast against {server} (checked {when}): passcodes will be rejected. Ask your IT department to set the clock (turn on automatic time).</source>
        <translation>Reloj: {seconds} s adelantado respecto a {server} (comprobado el {when}): se rechazarán los códigos. Pida a su departamento de informática que ajuste el reloj (que active la hora automática).</translation>
    </message>
    <message>
        <source>Clock: {seconds} s slow against {server} (checked {when}): passcodes will be rejected. Ask your IT department to set the clock (turn on automatic time).</source>
        <translation>Reloj: {seconds} s atrasado respecto a {server} (comprobado el {when}): se rechazarán los códigos. Pida a su departamento de informática que ajuste el reloj (que active la hora automática).</translation>
    </message>
    <message>
        <source>Keystore: {keystore}</source>
        <translation>Almacén de claves: {keystore}</translation>
    </message>
    <message>
        <source>Keystore: {problem}</source>
        <translation>Almacén de claves: {problem}</translation>
    </message>
    <message>
        <source>Keystore: unknown (the problem is on this card).</source>
        <translation>Almacén de claves: desconocido (el problema figura en esta ficha).</translation>
    </message>
    <message>
        <source>Help desk contact: {contact}</source>
        <translation>Contacto del servicio de asistencia: {contact}</translation>
    </message>
    <message>
        <source>Audit log: FAILED verification; tell your help desk (see Details).</source>
        <translation>Registro de auditoría: la verificación FALLÓ; avise a su servicio de asistencia (vea Detalles).</translation>
    </message>
    <message>
        <source>Problem: {problem}</source>
        <translation>Problema: {problem}</translation>
    </message>
    <message>
        <source>softtoken {softtoken}, Python {python}, Qt {qt}, PySide6 {pyside6}</source>
        <translation>softtoken {softtoken}, Python {python}, Qt {qt}, PySide6 {pyside6}</translation>
    </message>
    <message>
        <source>softtoken {softtoken}, Python {python}</source>
        <translation>softtoken {softtoken}, Python {python}</translation>
    </message>
    <message>
        <source>Platform: {os}</source>
        <translation>Plataforma: {os}</translation>
    </message>
    <message>
        <source>Keystore backend: {backend}</source>
        <translation>Módulo del almacén de claves: {backend}</translation>
    </message>
    <message>
        <source>Data directory: {path}</source>
        <translation>Carpeta de datos: {path}</translation>
    </message>
    <message>
        <source>Vault: none yet</source>
        <translation>Almacén de tokens: todavía ninguno</translation>
    </message>
    <message>
        <source>Vault: format {version}</source>
        <translation>Almacén de tokens: formato {version}</translation>
    </message>
    <message>
        <source>Vault: format {version}; the vault file is missing, its backup is there</source>
        <translation>Almacén de tokens: formato {version}; falta el archivo, su copia de seguridad está</translation>
    </message>
    <message>
        <source>Policy: {source}</source>
        <translation>Política: {source}</translation>
    </message>
    <message>
        <source>Policy: none (defaults)</source>
        <translation>Política: ninguna (valores predeterminados)</translation>
    </message>
    <message>
        <source>Audit log: intact, {records} records</source>
        <translation>Registro de auditoría: intacto, {records} registros</translation>
    </message>
    <message>
        <source>Audit log: FAILED: {problem}</source>
        <translation>Registro de auditoría: FALLÓ: {problem}</translation>
    </message>
    <message>
        <source>Audit log: {note}</source>
        <translation>Registro de auditoría: {note}</translation>
    </message>
    <message>
        <source>Token {number}: {type} {algorithm}, {digits} digits, every {period} s; PIN {pin} digits; key protection {kdf}</source>
        <translation>Token {number}: {type} {algorithm}, {digits} dígitos, cada {period} s; PIN de {pin} dígitos; protección de la clave {kdf}</translation>
    </message>
    <message>
        <source>Token {number}: {type} {algorithm}, {digits} digits; PIN {pin} digits; key protection {kdf}</source>
        <translation>Token {number}: {type} {algorithm}, {digits} dígitos; PIN de {pin} dígitos; protección de la clave {kdf}</translation>
    </message>
    <message>
        <source>Card made: {when} UTC</source>
        <translation>Ficha hecha: {when} UTC</translation>
    </message>
    <message>
        <source>Lost or stolen device</source>
        <translation>Dispositivo perdido o robado</translation>
    </message>
    <message>
        <source>Forgot my PIN</source>
        <translation>Olvidé mi PIN</translation>
    </message>
    <message>
        <source>Token locked out</source>
        <translation>Token bloqueado</translation>
    </message>
    <message>
        <source>The help desk sent me a new token</source>
        <translation>El servicio de asistencia me envió un token nuevo</translation>
    </message>
    <message>
        <source>Moving to a new workstation</source>
        <translation>Me cambio a otro equipo</translation>
    </message>
    <message>
        <source>Protection: the computer's TPM security chip holds the key and checks the PIN</source>
        <translation>Protección: el chip de seguridad TPM del equipo guarda la clave y comprueba el PIN</translation>
    </message>
    <message>
        <source>Protection: software (PIN and system keystore), because {note}</source>
        <translation>Protección: software (PIN y almacén de claves del sistema), porque {note}</translation>
    </message>
    <message>
        <source>Protection: software (PIN and system keystore)</source>
        <translation>Protección: software (PIN y almacén de claves del sistema)</translation>
    </message>
    <message>
        <source>the admin policy keeps tokens in software</source>
        <translation>la política del administrador guarda los tokens en software</translation>
    </message>
    <message>
        <source>there was no usable TPM security chip when it was activated</source>
        <translation>no había un chip de seguridad TPM utilizable al activarlo</translation>
    </message>
    <message>
        <source>the TPM security chip cannot compute this token's algorithm</source>
        <translation>el chip de seguridad TPM no puede calcular el algoritmo de este token</translation>
    </message>
    <message>
        <source>Registered with {issuer} (container {serial}), last synchronized {time}</source>
        <translation>Registrado con {issuer} (contenedor {serial}), última sincronización {time}</translation>
    </message>
    <message>
        <source>Registered with {issuer} (container {serial}), not synchronized yet</source>
        <translation>Registrado con {issuer} (contenedor {serial}), aún sin sincronizar</translation>
    </message>
    <message>
        <source>Last synchronization failed: {error}</source>
        <translation>La última sincronización falló: {error}</translation>
    </message>
    <message>
        <source>Tokens delivered and waiting to be set up: {count}</source>
        <translation>Tokens entregados que esperan a configurarse: {count}</translation>
    </message>
</context>
<context>
    <name>ActivationWizard</name>
    <message>
        <source>Passcode</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Keystore problem</source>
        <translation>Problema con el almacén de claves</translation>
    </message>
    <message>
        <source>Token PIN</source>
        <translation>PIN del token</translation>
    </message>
    <message>
        <source>Token PIN:</source>
        <translation>PIN del token:</translation>
    </message>
    <message>
        <source>Show a passcode</source>
        <translation>Mostrar un código</translation>
    </message>
    <message>
        <source>If the issuer's page asks for a passcode to confirm the activation, enter your new PIN here and type the passcode shown into that page.</source>
        <translation>Si la página del emisor pide un código para confirmar la activación, introduzca aquí su PIN nuevo y escriba el código que aparece en esa página.</translation>
    </message>
    <message>
        <source>Your token is ready for use, but it is not linked to an issuer serial — ask your help desk if they expect one.</source>
        <translation>Su token está listo para usarse, pero no está vinculado a un número de serie del emisor: pregunte a su servicio de asistencia si esperan uno.</translation>
    </message>
    <message>
        <source>Your token is not linked to an issuer serial — ask your help desk if they expect one. It will automatically be activated for use after syncing with the network, which may take up to {minutes} minutes (about {time}).</source>
        <translation>Su token no está vinculado a un número de serie del emisor: pregunte a su servicio de asistencia si esperan uno. Se activará automáticamente para su uso tras sincronizarse con la red, lo que puede tardar hasta {minutes} minutos (hacia las {time}).</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>{left} attempts left before this token is disabled.</source>
        <translation>Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>1 attempt left: the next wrong PIN disables this token.</source>
        <translation>Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Try again in {seconds} s.</source>
        <translation>Vuelva a intentarlo en {seconds} s.</translation>
    </message>
    <message>
        <source>Try again in {minutes} min.</source>
        <translation>Vuelva a intentarlo en {minutes} min.</translation>
    </message>
    <message>
        <source>Try again in {minutes} min {seconds} s.</source>
        <translation>Vuelva a intentarlo en {minutes} min {seconds} s.</translation>
    </message>
    <message>
        <source>Incorrect PIN. 1 attempt left: the next wrong PIN disables this token.</source>
        <translation>PIN incorrecto. Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. 1 attempt left: the next wrong PIN disables this token. Try again in {seconds} s.</source>
        <translation>PIN incorrecto. Queda 1 intento: el próximo PIN incorrecto desactiva este token. Vuelva a intentarlo en {seconds} s.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {seconds} s. 1 attempt left: the next wrong PIN disables this token.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {seconds} s. Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. 1 attempt left: the next wrong PIN disables this token. Try again in {minutes} min.</source>
        <translation>PIN incorrecto. Queda 1 intento: el próximo PIN incorrecto desactiva este token. Vuelva a intentarlo en {minutes} min.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes} min. 1 attempt left: the next wrong PIN disables this token.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {minutes} min. Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. 1 attempt left: the next wrong PIN disables this token. Try again in {minutes} min {seconds} s.</source>
        <translation>PIN incorrecto. Queda 1 intento: el próximo PIN incorrecto desactiva este token. Vuelva a intentarlo en {minutes} min {seconds} s.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes} min {seconds} s. 1 attempt left: the next wrong PIN disables this token.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {minutes} min {seconds} s. Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. {left} attempts left before this token is disabled. Try again in {seconds} s.</source>
        <translation>PIN incorrecto. Quedan {left} intentos antes de que este token se desactive. Vuelva a intentarlo en {seconds} s.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {seconds} s. {left} attempts left before this token is disabled.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {seconds} s. Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>Incorrect PIN. {left} attempts left before this token is disabled. Try again in {minutes} min.</source>
        <translation>PIN incorrecto. Quedan {left} intentos antes de que este token se desactive. Vuelva a intentarlo en {minutes} min.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes} min. {left} attempts left before this token is disabled.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {minutes} min. Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>Incorrect PIN. {left} attempts left before this token is disabled. Try again in {minutes} min {seconds} s.</source>
        <translation>PIN incorrecto. Quedan {left} intentos antes de que este token se desactive. Vuelva a intentarlo en {minutes} min {seconds} s.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes} min {seconds} s. {left} attempts left before this token is disabled.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {minutes} min {seconds} s. Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>Enter your {length}-digit token PIN.</source>
        <translation>Introduzca el PIN de {length} dígitos del token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. {left} attempts left before this token is disabled.</source>
        <translation>PIN incorrecto. Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>Incorrect PIN. Token '{name}' is now disabled after {failures} wrong PINs. Replace it to continue.</source>
        <translation>PIN incorrecto. El token «{name}» se ha desactivado tras {failures} PIN incorrectos. Reemplácelo para continuar.</translation>
    </message>
    <message>
        <source>Token '{name}' can no longer be used: its key is gone from the system keystore. Replace the token.</source>
        <translation>El token «{name}» ya no se puede usar: su clave ya no está en el almacén de claves del sistema. Reemplace el token.</translation>
    </message>
    <message>
        <source>Token '{name}' was disabled after too many wrong PINs. Replace it to get a new token.</source>
        <translation>El token «{name}» se desactivó tras demasiados PIN incorrectos. Reemplácelo para obtener un token nuevo.</translation>
    </message>
    <message>
        <source>The key must be 32, 48 or 64 hex digits (0-9 and A-F). Check it and open the key file again.</source>
        <translation>La clave debe tener 32, 48 o 64 dígitos hexadecimales (0-9 y A-F). Revísela y vuelva a abrir el archivo de clave.</translation>
    </message>
    <message>
        <source>This copy of softtoken is incomplete: its translation file {file} is missing; reinstall softtoken or ask your help desk.</source>
        <translation>Esta copia de softtoken está incompleta: falta su archivo de traducción {file}; reinstale softtoken o consulte al servicio de asistencia.</translation>
    </message>
    <message>
        <source>This copy of softtoken is damaged: its translation file {file} cannot be read; reinstall softtoken or ask your help desk.</source>
        <translation>Esta copia de softtoken está dañada: su archivo de traducción {file} no se puede leer; reinstale softtoken o consulte al servicio de asistencia.</translation>
    </message>
    <message>
        <source>This copy of softtoken is incomplete: Qt's translation file {file} is missing; reinstall softtoken or ask your help desk.</source>
        <translation>Esta copia de softtoken está incompleta: falta el archivo de traducción de Qt {file}; reinstale softtoken o consulte al servicio de asistencia.</translation>
    </message>
    <message>
        <source>This copy of softtoken is damaged: Qt's translation file {file} cannot be read; reinstall softtoken or ask your help desk.</source>
        <translation>Esta copia de softtoken está dañada: el archivo de traducción de Qt {file} no se puede leer; reinstale softtoken o consulte al servicio de asistencia.</translation>
    </message>
    <message>
        <source>The translation file {file} is older than {source}; run: python -m softtoken.gui.i18n</source>
        <translation>El archivo de traducción {file} es anterior a {source}; ejecute: python -m softtoken.gui.i18n</translation>
    </message>
    <message>
        <source>Could not check the clock against {server} (no answer). Passcodes still work if the clock is right.</source>
        <translation>No se pudo comprobar el reloj con {server} (no hubo respuesta). Los códigos siguen funcionando si el reloj está en hora.</translation>
    </message>
    <message>
        <source>No time server is set in the admin policy.</source>
        <translation>No hay ningún servidor de hora configurado en la política del administrador.</translation>
    </message>
    <message>
        <source>Your computer clock is right (within {seconds} s).</source>
        <translation>El reloj de su equipo está en hora (diferencia de {seconds} s como mucho).</translation>
    </message>
    <message>
        <source>Your computer clock is {seconds} s fast: passcodes may be rejected.</source>
        <translation>El reloj de su equipo va {seconds} s adelantado: es posible que se rechacen los códigos.</translation>
    </message>
    <message>
        <source>Your computer clock is {seconds} s fast: passcodes will be rejected. Ask your IT department to set the clock (turn on automatic time).</source>
        <translation>El reloj de su equipo va {seconds} s adelantado: se rechazarán los códigos. Pida a su departamento de informática que ajuste el reloj (active la hora automática).</translation>
    </message>
    <message>
        <source>Your computer clock is {seconds} s slow: passcodes may be rejected.</source>
        <translation>El reloj de su equipo va {seconds} s atrasado: es posible que se rechacen los códigos.</translation>
    </message>
    <message>
        <source>Your computer clock is {seconds} s slow: passcodes will be rejected. Ask your IT department to set the clock (turn on automatic time).</source>
        <translation>El reloj de su equipo va {seconds} s atrasado: se rechazarán los códigos. Pida a su departamento de informática que ajuste el reloj (active la hora automática).</translation>
    </message>
    <message>
        <source>The link has an empty secret: it may have been cut short. Copy the whole link from the issuer's e-mail again.</source>
        <translation>El enlace tiene el secreto vacío: puede que esté cortado. Vuelva a copiar el enlace completo del correo del emisor.</translation>
    </message>
    <message>
        <source>The secret in the link is not valid (it must be base32: letters A-Z and digits 2-7). The link may have been changed or cut short; copy it again from the issuer's e-mail.</source>
        <translation>El secreto del enlace no es válido (debe estar en base32: letras A-Z y dígitos 2-7). Puede que el enlace se haya modificado o esté cortado; vuelva a copiarlo del correo del emisor.</translation>
    </message>
    <message>
        <source>The secret in the link is not valid base32. The link may have been changed or cut short; copy it again from the issuer's e-mail.</source>
        <translation>El secreto del enlace no es base32 válido. Puede que el enlace se haya modificado o esté cortado; vuelva a copiarlo del correo del emisor.</translation>
    </message>
    <message>
        <source>counter</source>
        <translation>contador</translation>
    </message>
    <message>
        <source>The link's counter is out of range. Ask the issuer for a new link.</source>
        <translation>El contador del enlace está fuera de rango. Pida un enlace nuevo al emisor.</translation>
    </message>
    <message>
        <source>two-step client size</source>
        <translation>tamaño de cliente de la activación en dos pasos</translation>
    </message>
    <message>
        <source>two-step key size</source>
        <translation>tamaño de clave de la activación en dos pasos</translation>
    </message>
    <message>
        <source>two-step difficulty</source>
        <translation>valor de dificultad de la activación en dos pasos</translation>
    </message>
    <message>
        <source>The link's two-step activation sizes are out of range. Ask the issuer for a new link.</source>
        <translation>Los tamaños de la activación en dos pasos del enlace están fuera de rango. Pida un enlace nuevo al emisor.</translation>
    </message>
    <message>
        <source>The link's two-step difficulty is out of range. Ask the issuer for a new link.</source>
        <translation>La dificultad de la activación en dos pasos del enlace está fuera de rango. Pida un enlace nuevo al emisor.</translation>
    </message>
    <message>
        <source>number of digits</source>
        <translation>número de dígitos</translation>
    </message>
    <message>
        <source>time step</source>
        <translation>intervalo de tiempo</translation>
    </message>
    <message>
        <source>The link's {what} ({name}=…) is not a whole number. Copy the whole link from the issuer's e-mail again.</source>
        <translation>El {what} del enlace ({name}=…) no es un número entero. Vuelva a copiar el enlace completo del correo del emisor.</translation>
    </message>
    <message>
        <source>The activation link is far too long to be real. Copy it again.</source>
        <translation>El enlace de activación es demasiado largo para ser real. Vuelva a copiarlo.</translation>
    </message>
    <message>
        <source>The activation link contains invisible or control characters. Copy it again.</source>
        <translation>El enlace de activación contiene caracteres invisibles o de control. Vuelva a copiarlo.</translation>
    </message>
    <message>
        <source>The activation link is malformed. Copy it again from the e-mail.</source>
        <translation>El enlace de activación está mal formado. Vuelva a copiarlo del correo.</translation>
    </message>
    <message>
        <source>This is not an otpauth:// activation link.</source>
        <translation>Esto no es un enlace de activación otpauth://.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>The link is for a '{kind}' token; softtoken supports time-based (TOTP) and counter-based (HOTP) tokens. Ask the issuer for a TOTP or HOTP activation.</source>
        <translation>El enlace es para un token de tipo «{kind}»; softtoken admite tokens basados en el tiempo (TOTP) y en un contador (HOTP). Pida al emisor una activación TOTP o HOTP.</translation>
    </message>
    <message>
        <source>The activation link has too many parameters to be real.</source>
        <translation>El enlace de activación tiene demasiados parámetros para ser real.</translation>
    </message>
    <message>
        <source>The link gives '{key}' twice with different values; it may have been tampered with. Ask the issuer for a new activation.</source>
        <translation>El enlace da «{key}» dos veces con valores distintos; puede que se haya manipulado. Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>The link has no secret: it was probably cut short. Copy the whole link (it is long) from the issuer's e-mail again.</source>
        <translation>El enlace no tiene secreto: probablemente esté cortado. Vuelva a copiar el enlace completo (es largo) del correo del emisor.</translation>
    </message>
    <message>
        <source>The link names two different issuers ('{first}' and '{second}'). Ask the issuer for a new activation link.</source>
        <translation>El enlace nombra dos emisores distintos («{first}» y «{second}»). Pida al emisor un nuevo enlace de activación.</translation>
    </message>
    <message>
        <source>The counter-based (HOTP) link has no counter: it was probably cut short. Copy the whole link again.</source>
        <translation>El enlace basado en un contador (HOTP) no tiene contador: probablemente esté cortado. Vuelva a copiar el enlace completo.</translation>
    </message>
    <message>
        <source>The pasted text is too long. Paste only the activation link.</source>
        <translation>El texto pegado es demasiado largo. Pegue solo el enlace de activación.</translation>
    </message>
    <message>
        <source>This is a link to a web page ({host}), not a soft-token activation. Open it in your browser: if the page asks for your token's serial number it is for a hard token; if it shows a QR code, scan that code here.</source>
        <translation>Este es un enlace a una página web ({host}), no una activación de token de software. Ábralo en su navegador: si la página pide el número de serie de su token, es para un token físico; si muestra un código QR, escanee aquí ese código.</translation>
    </message>
    <message>
        <source>The activation link is broken (it does not start with otpauth://). Copy the whole link from the issuer's e-mail again.</source>
        <translation>El enlace de activación está roto (no empieza por otpauth://). Vuelva a copiar el enlace completo del correo del emisor.</translation>
    </message>
    <message>
        <source>No activation link was found. Copy the whole link that starts with otpauth:// from the issuer's e-mail and paste it here.</source>
        <translation>No se encontró ningún enlace de activación. Copie el enlace completo que empieza por otpauth:// del correo del emisor y péguelo aquí.</translation>
    </message>
    <message>
        <source>The export entry '{label}' has no secret. The Google Authenticator export is damaged or cut short. Export the accounts again and scan or copy the whole code.</source>
        <translation>La entrada «{label}» de la exportación no tiene secreto. La exportación de Google Authenticator está dañada o cortada. Vuelva a exportar las cuentas y escanee o copie el código completo.</translation>
    </message>
    <message>
        <source>The export entry '{label}' uses MD5, which is not safe and not supported. Ask the issuer for a new activation.</source>
        <translation>La entrada «{label}» de la exportación usa MD5, que no es seguro y no se admite. Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>The export entry '{label}' uses settings softtoken does not know. Ask the issuer for a new activation.</source>
        <translation>La entrada «{label}» de la exportación usa ajustes que softtoken no conoce. Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>The Google Authenticator export is too large to be real.</source>
        <translation>La exportación de Google Authenticator es demasiado grande para ser real.</translation>
    </message>
    <message>
        <source>The Google Authenticator export holds no accounts.</source>
        <translation>La exportación de Google Authenticator no contiene ninguna cuenta.</translation>
    </message>
    <message>
        <source>This is not a Google Authenticator export link (otpauth-migration://offline).</source>
        <translation>Esto no es un enlace de exportación de Google Authenticator (otpauth-migration://offline).</translation>
    </message>
    <message>
        <source>These QR codes come from different Google Authenticator exports. Use the codes of one export only.</source>
        <translation>Estos códigos QR proceden de exportaciones distintas de Google Authenticator. Use solo los códigos de una exportación.</translation>
    </message>
    <message>
        <source>The same part of the export was given twice. Give each QR code once.</source>
        <translation>La misma parte de la exportación se dio dos veces. Dé cada código QR una sola vez.</translation>
    </message>
    <message>
        <source>This export is split over {size} QR codes and part {which} is missing. Scan or open every code of the export together.</source>
        <translation>Esta exportación está repartida en {size} códigos QR y falta la parte {which}. Escanee o abra juntos todos los códigos de la exportación.</translation>
    </message>
    <message>
        <source>This export is split over {size} QR codes and parts {which} are missing. Scan or open every code of the export together.</source>
        <translation>Esta exportación está repartida en {size} códigos QR y faltan las partes {which}. Escanee o abra juntos todos los códigos de la exportación.</translation>
    </message>
    <message>
        <source>The Google Authenticator export is damaged or cut short. Export the accounts again and scan or copy the whole code.</source>
        <translation>La exportación de Google Authenticator está dañada o cortada. Vuelva a exportar las cuentas y escanee o copie el código completo.</translation>
    </message>
    <message>
        <source>The key file forbids using key '{label}' for passcodes (RFC 6030 policy).</source>
        <translation>El archivo de clave prohíbe usar la clave «{label}» para códigos (política RFC 6030).</translation>
    </message>
    <message>
        <source>Key '{label}' makes {encoding} passcodes; softtoken makes decimal passcodes only.</source>
        <translation>La clave «{label}» genera códigos {encoding}; softtoken solo genera códigos decimales.</translation>
    </message>
    <message>
        <source>Key '{label}' in the file has no secret.</source>
        <translation>La clave «{label}» del archivo no tiene secreto.</translation>
    </message>
    <message>
        <source>Key '{label}' counts time from a start other than 1970 (T0); softtoken does not support that.</source>
        <translation>La clave «{label}» cuenta el tiempo desde un inicio distinto de 1970 (T0); softtoken no lo admite.</translation>
    </message>
    <message>
        <source>{file} does not hold a pre-shared key (32, 48 or 64 hex digits). Use the key file the vendor sent separately.</source>
        <translation>{file} no contiene una clave precompartida (32, 48 o 64 dígitos hexadecimales). Use el archivo de clave que el proveedor envió por separado.</translation>
    </message>
    <message>
        <source>The key file holds no keys.</source>
        <translation>El archivo de clave no contiene ninguna clave.</translation>
    </message>
    <message>
        <source>The key file is too large to be a PSKC file.</source>
        <translation>El archivo de clave es demasiado grande para ser un archivo PSKC.</translation>
    </message>
    <message>
        <source>The key file is protected by a password: enter the password the vendor sent with it.</source>
        <translation>El archivo de clave está protegido con una contraseña: introduzca la contraseña que el proveedor envió con él.</translation>
    </message>
    <message>
        <source>The key file is encrypted with a pre-shared key: give the key file (32 hex digits) the vendor sent separately.</source>
        <translation>El archivo de clave está cifrado con una clave precompartida: indique el archivo de clave (32 dígitos hexadecimales) que el proveedor envió por separado.</translation>
    </message>
    <message>
        <source>The key file's protection is not supported or is incomplete. Ask the vendor for a new file.</source>
        <translation>La protección del archivo de clave no se admite o está incompleta. Pida un archivo nuevo al proveedor.</translation>
    </message>
    <message>
        <source>The key file failed its integrity check: it was changed or damaged, or the password or key is wrong.</source>
        <translation>El archivo de clave no superó su comprobación de integridad: se modificó o está dañado, o la contraseña o la clave son incorrectas.</translation>
    </message>
    <message>
        <source>The password or key for this key file is wrong. Check it and try again.</source>
        <translation>La contraseña o la clave de este archivo de clave es incorrecta. Revísela y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The key file is not a valid PSKC file. Ask the token vendor or issuer for the file again.</source>
        <translation>El archivo de clave no es un archivo PSKC válido. Pida de nuevo el archivo al proveedor del token o al emisor.</translation>
    </message>
    <message>
        <source>Key '{label}' in the file is not a HOTP or TOTP token. Ask the vendor for an OATH HOTP or TOTP key file.</source>
        <translation>La clave «{label}» del archivo no es un token HOTP ni TOTP. Pida al proveedor un archivo de clave OATH HOTP o TOTP.</translation>
    </message>
    <message>
        <source>No QR code was found in the image. Use a sharper, straight, uncropped picture of the code, or paste the activation link instead.</source>
        <translation>No se encontró ningún código QR en la imagen. Use una imagen más nítida, recta y sin recortar del código, o pegue en su lugar el enlace de activación.</translation>
    </message>
    <message>
        <source>The image is too large. Use a screenshot or photo of just the QR code.</source>
        <translation>La imagen es demasiado grande. Use una captura de pantalla o una foto solo del código QR.</translation>
    </message>
    <message>
        <source>The file is not a picture softtoken can read. Use a PNG or JPEG image of the QR code.</source>
        <translation>El archivo no es una imagen que softtoken pueda leer. Use una imagen PNG o JPEG del código QR.</translation>
    </message>
    <message>
        <source>The image file is damaged or cut short. Take a new screenshot or photo of the QR code.</source>
        <translation>El archivo de imagen está dañado o cortado. Haga una nueva captura de pantalla o foto del código QR.</translation>
    </message>
    <message>
        <source>The screen picture was empty. Use the image or paste route instead.</source>
        <translation>La imagen de la pantalla estaba vacía. Use en su lugar una imagen o pegue el enlace.</translation>
    </message>
    <message>
        <source>an activation file</source>
        <translation>un archivo de activación</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file. Give {what} itself.</source>
        <translation>{path} es una carpeta, no un archivo. Indique {what}, no la carpeta.</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device or a pipe). Give {what} saved on this computer.</source>
        <translation>{path} no es un archivo normal (es un dispositivo o una tubería). Indique {what} guardado en este equipo.</translation>
    </message>
    <message>
        <source>{path} is larger than {size}, too large to be {what}. Check that it is the right file.</source>
        <translation>{path} ocupa más de {size}, demasiado para ser {what}. Compruebe que es el archivo correcto.</translation>
    </message>
    <message>
        <source>There is no file {path}. Check the name and folder.</source>
        <translation>No existe el archivo {path}. Compruebe el nombre y la carpeta.</translation>
    </message>
    <message>
        <source>softtoken may not read {path}. Check the file's permissions.</source>
        <translation>softtoken no tiene permiso para leer {path}. Compruebe los permisos del archivo.</translation>
    </message>
    <message>
        <source>{path} could not be read. Copy it to this computer and try again.</source>
        <translation>No se pudo leer {path}. Cópielo a este equipo y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>This file is not an activation file softtoken knows (a QR image, a PSKC key file or a text file with the link).</source>
        <translation>Este archivo no es un archivo de activación que softtoken conozca (una imagen QR, un archivo de clave PSKC o un archivo de texto con el enlace).</translation>
    </message>
    <message>
        <source>Entry {position} of {count} ({label}): {problem}</source>
        <translation>Entrada {position} de {count} ({label}): {problem}</translation>
    </message>
    <message>
        <source>Give either the Google Authenticator export or single activation links, not both.</source>
        <translation>Indique la exportación de Google Authenticator o enlaces de activación sueltos, no ambos.</translation>
    </message>
    <message>
        <source>The audit log {path} cannot be written ({problem}). Free some disk space, or ask your help desk.</source>
        <translation>No se puede escribir el registro de auditoría {path} ({problem}). Libere espacio en disco o consulte a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>The audit log {path} cannot be read ({problem}).</source>
        <translation>No se puede leer el registro de auditoría {path} ({problem}).</translation>
    </message>
    <message>
        <source>The support bundle could not be saved as {path}; nothing was changed. Choose another name or folder.</source>
        <translation>No se pudo guardar el paquete de asistencia como {path}; no se cambió nada. Elija otro nombre u otra carpeta.</translation>
    </message>
    <message>
        <source>The support bundle could not be written to {path} (is the disk full?); nothing was saved. Free some space or choose another place.</source>
        <translation>No se pudo escribir el paquete de asistencia en {path} (¿está lleno el disco?); no se guardó nada. Libere espacio o elija otro lugar.</translation>
    </message>
    <message>
        <source>{path} is a folder. Give a file name in it, for example {example}.</source>
        <translation>{path} es una carpeta. Indique un nombre de archivo dentro de ella, por ejemplo {example}.</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device or a pipe). Give a new file name for the bundle.</source>
        <translation>{path} no es un archivo normal (es un dispositivo o una tubería). Indique un nombre de archivo nuevo para el paquete.</translation>
    </message>
    <message>
        <source>{path} already exists; softtoken does not overwrite it. Give a new file name.</source>
        <translation>{path} ya existe; softtoken no lo sobrescribe. Indique un nombre de archivo nuevo.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist. Save the support bundle in an existing folder.</source>
        <translation>La carpeta {folder} no existe. Guarde el paquete de asistencia en una carpeta existente.</translation>
    </message>
    <message>
        <source>{folder} is not a folder. Save the support bundle in a folder.</source>
        <translation>{folder} no es una carpeta. Guarde el paquete de asistencia en una carpeta.</translation>
    </message>
    <message>
        <source>softtoken may not write in {folder}. Choose another folder.</source>
        <translation>softtoken no tiene permiso para escribir en {folder}. Elija otra carpeta.</translation>
    </message>
    <message>
        <source>The support bundle could not be created as {path}. Choose another name or folder.</source>
        <translation>No se pudo crear el paquete de asistencia como {path}. Elija otro nombre u otra carpeta.</translation>
    </message>
    <message>
        <source>No secure keystore is available, so softtoken cannot protect your token. On Linux, install and unlock GNOME Keyring or KWallet (the Secret Service); on Windows and macOS sign in normally. If this workstation has none, ask your administrator.</source>
        <translation>No hay ningún almacén de claves seguro disponible, así que softtoken no puede proteger su token. En Linux, instale y desbloquee GNOME Keyring o KWallet (el Secret Service); en Windows y macOS, inicie sesión normalmente. Si este equipo no tiene ninguno, consulte a su administrador.</translation>
    </message>
    <message>
        <source>The system keystore refused access (it may be locked). Unlock your keyring or log in again, then retry.</source>
        <translation>El almacén de claves del sistema denegó el acceso (puede que esté bloqueado). Desbloquee su llavero o vuelva a iniciar sesión y reintente.</translation>
    </message>
    <message>
        <source>The system keystore did not answer. Log out and back in (or restart the computer) and retry; if it keeps happening, ask your help desk.</source>
        <translation>El almacén de claves del sistema no respondió. Cierre la sesión y vuelva a entrar (o reinicie el equipo) y reintente; si sigue ocurriendo, consulte a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>The key file {path} is unreadable or damaged. Ask your help desk.</source>
        <translation>El archivo de claves {path} no se puede leer o está dañado. Consulte a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>The key file {path} is damaged. Ask your help desk.</source>
        <translation>El archivo de claves {path} está dañado. Consulte a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>Enter a name for your token.</source>
        <translation>Escriba un nombre para su token.</translation>
    </message>
    <message>
        <source>A token name has at most {most} characters; this one has {length}.</source>
        <translation>Un nombre de token tiene como mucho {most} caracteres; este tiene {length}.</translation>
    </message>
    <message>
        <source>A token name cannot contain control characters.</source>
        <translation>Un nombre de token no puede contener caracteres de control.</translation>
    </message>
    <message>
        <source>You already have a token named '{name}'. Choose another name.</source>
        <translation>Ya tiene un token llamado «{name}». Elija otro nombre.</translation>
    </message>
    <message>
        <source>The token counter is out of range; replace the token.</source>
        <translation>El contador del token está fuera de rango; reemplace el token.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>The token uses the {algorithm} algorithm; softtoken supports SHA1, SHA256 and SHA512. Ask the issuer for a new activation.</source>
        <translation>El token usa el algoritmo {algorithm}; softtoken admite SHA1, SHA256 y SHA512. Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>The seed in the link is only {bits} bits: the link was probably cut short. Copy the whole link from the issuer's e-mail again.</source>
        <translation>La semilla del enlace tiene solo {bits} bits: probablemente el enlace esté cortado. Vuelva a copiar el enlace completo del correo del emisor.</translation>
    </message>
    <message>
        <source>The seed is only {bits} bits; RFC 4226 requires at least {least} bits. Ask the issuer for a new activation with a stronger seed.</source>
        <translation>La semilla tiene solo {bits} bits; el RFC 4226 exige al menos {least} bits. Pida al emisor una nueva activación con una semilla más fuerte.</translation>
    </message>
    <message>
        <source>The token asks for {digits}-digit passcodes; softtoken supports 6, 7 or 8 digits. Ask the issuer for a new activation.</source>
        <translation>El token pide códigos de {digits} dígitos; softtoken admite 6, 7 u 8 dígitos. Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>The token changes its passcode every {period} seconds; softtoken supports {shortest} to {longest} seconds (NIST caps it at two minutes). Ask the issuer for a new activation.</source>
        <translation>El token cambia de código cada {period} segundos; softtoken admite de {shortest} a {longest} segundos (el NIST lo limita a dos minutos). Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>The data folder {path} is not a folder; give a folder softtoken may write in (--home DIR).</source>
        <translation>La carpeta de datos {path} no es una carpeta; indique una carpeta en la que softtoken pueda escribir (--home DIR).</translation>
    </message>
    <message>
        <source>The data folder {path} cannot be made; give a folder softtoken may write in (--home DIR).</source>
        <translation>No se puede crear la carpeta de datos {path}; indique una carpeta en la que softtoken pueda escribir (--home DIR).</translation>
    </message>
    <message>
        <source>softtoken cannot write in the data folder {path}; give a folder softtoken may write in (--home DIR).</source>
        <translation>softtoken no puede escribir en la carpeta de datos {path}; indique una carpeta en la que softtoken pueda escribir (--home DIR).</translation>
    </message>
    <message>
        <source>--home is empty: give the data folder after it, or leave --home out to use the default.</source>
        <translation>--home está vacío: indique la carpeta de datos a continuación, u omita --home para usar la predeterminada.</translation>
    </message>
    <message>
        <source>{variable} holds only spaces: set it to the data folder, or unset it to use the default.</source>
        <translation>{variable} solo contiene espacios: asígnele la carpeta de datos, o elimínela para usar la predeterminada.</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>el valor predeterminado</translation>
    </message>
    <message>
        <source>The data folder {path} (from {source}) cannot be reached; give a folder softtoken may write in (--home DIR).</source>
        <translation>No se puede acceder a la carpeta de datos {path} (indicada por {source}); indique una carpeta en la que softtoken pueda escribir (--home DIR).</translation>
    </message>
    <message>
        <source>The data folder {path} (from {source}) is not a folder; give a folder softtoken may write in (--home DIR).</source>
        <translation>La carpeta de datos {path} (indicada por {source}) no es una carpeta; indique una carpeta en la que softtoken pueda escribir (--home DIR).</translation>
    </message>
    <message>
        <source>The data folder {path} (from {source}) cannot be made: {existing} is not a folder; give a folder softtoken may write in (--home DIR).</source>
        <translation>No se puede crear la carpeta de datos {path} (indicada por {source}): {existing} no es una carpeta; indique una carpeta en la que softtoken pueda escribir (--home DIR).</translation>
    </message>
    <message>
        <source>Choose a {length}-digit PIN.</source>
        <translation>Elija un PIN de {length} dígitos.</translation>
    </message>
    <message>
        <source>The PIN must be {length} digits (0-9) and nothing else.</source>
        <translation>El PIN debe tener {length} dígitos (0-9) y nada más.</translation>
    </message>
    <message>
        <source>The PIN must be exactly {length} digits; this one has {typed}.</source>
        <translation>El PIN debe tener exactamente {length} dígitos; este tiene {typed}.</translation>
    </message>
    <message>
        <source>That PIN is too easy to guess (a repeated, sequential, or very common PIN, or a year). Choose another.</source>
        <translation>Ese PIN es demasiado fácil de adivinar (un PIN repetido, consecutivo, muy común o un año). Elija otro.</translation>
    </message>
    <message>
        <source>The two PINs do not match. Type the same PIN twice.</source>
        <translation>Los dos PIN no coinciden. Escriba el mismo PIN dos veces.</translation>
    </message>
    <message>
        <source>Windows did not say where the ProgramData folder is, so the admin policy cannot be read; ask your administrator.</source>
        <translation>Windows no indicó dónde está la carpeta ProgramData, así que no se puede leer la política del administrador; consulte a su administrador.</translation>
    </message>
    <message>
        <source>{where}: unknown setting '{key}'. Known settings: {known}.</source>
        <translation>{where}: ajuste desconocido «{key}». Ajustes conocidos: {known}.</translation>
    </message>
    <message>
        <source>{where}: '{key}' must be true or false.</source>
        <translation>{where}: «{key}» debe ser true o false.</translation>
    </message>
    <message>
        <source>{where}: '{key}' must be a whole number.</source>
        <translation>{where}: «{key}» debe ser un número entero.</translation>
    </message>
    <message>
        <source>{where}: '{key}' must be between {low} and {high}; it is {value}.</source>
        <translation>{where}: «{key}» debe estar entre {low} y {high}; vale {value}.</translation>
    </message>
    <message>
        <source>{where}: '{key}' must be text in quotes.</source>
        <translation>{where}: «{key}» debe ser un texto entre comillas.</translation>
    </message>
    <message>
        <source>{where}: '{key}' must be {allowed}.</source>
        <translation>{where}: «{key}» debe ser {allowed}.</translation>
    </message>
    <message>
        <source>{where}: '{key}' is too long (500 characters at most).</source>
        <translation>{where}: «{key}» es demasiado largo (500 caracteres como mucho).</translation>
    </message>
    <message>
        <source>{where} is not valid TOML ({problem}). Fix the file or remove it.</source>
        <translation>{where} no es TOML válido ({problem}). Corrija el archivo o elimínelo.</translation>
    </message>
    <message>
        <source>{where} is nested too deeply to be a policy. Fix the file or remove it.</source>
        <translation>{where} está anidado a demasiada profundidad para ser una política. Corrija el archivo o elimínelo.</translation>
    </message>
    <message>
        <source>{where}: 'clock_warn_seconds' ({warn}) must not exceed 'clock_error_seconds' ({error}).</source>
        <translation>{where}: «clock_warn_seconds» ({warn}) no debe superar a «clock_error_seconds» ({error}).</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>política</translation>
    </message>
    <message>
        <source>The policy file {path} is larger than {size}; {todo}.</source>
        <translation>El archivo de política {path} ocupa más de {size}; {todo}.</translation>
    </message>
    <message>
        <source>The policy file {path} is not a regular file; {todo}.</source>
        <translation>El archivo de política {path} no es un archivo normal; {todo}.</translation>
    </message>
    <message>
        <source>The policy file {path} cannot be read ({problem}); {todo}.</source>
        <translation>No se puede leer el archivo de política {path} ({problem}); {todo}.</translation>
    </message>
    <message>
        <source>The policy file {path} is not UTF-8 text; {todo}.</source>
        <translation>El archivo de política {path} no es texto UTF-8; {todo}.</translation>
    </message>
    <message>
        <source>ask your administrator</source>
        <translation>consulte a su administrador</translation>
    </message>
    <message>
        <source>give a policy file or leave --policy out</source>
        <translation>indique un archivo de política u omita --policy</translation>
    </message>
    <message>
        <source>The policy file {path} does not exist; check the name.</source>
        <translation>El archivo de política {path} no existe; compruebe el nombre.</translation>
    </message>
    <message>
        <source>{user}: '{key}' = {value} differs from {admin_value} in the admin policy {admin}; a policy file given with --policy may only tighten the admin policy, so remove '{key}' from it.</source>
        <translation>{user}: «{key}» = {value} difiere de {admin_value} en la política del administrador {admin}; un archivo de política indicado con --policy solo puede hacer más estricta la política del administrador, así que quite «{key}» de él.</translation>
    </message>
    <message>
        <source>{user}: '{key}' = {value} is looser than {admin_value} in the admin policy {admin}; a policy file given with --policy may only tighten the admin policy, so remove '{key}' from it or make it stricter.</source>
        <translation>{user}: «{key}» = {value} es menos estricto que {admin_value} en la política del administrador {admin}; un archivo de política indicado con --policy solo puede hacer más estricta la política del administrador, así que quite «{key}» de él o hágalo más estricto.</translation>
    </message>
    <message>
        <source>Another softtoken window or command is using the token vault. Finish there, or wait a moment and try again.</source>
        <translation>Otra ventana u orden de softtoken está usando el almacén de tokens. Termine allí, o espere un momento y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The token vault {path} is missing, but its backup is there. Ask your help desk; softtoken will not start an empty vault over it.</source>
        <translation>Falta el almacén de tokens {path}, pero su copia de seguridad está ahí. Consulte a su servicio de asistencia; softtoken no creará un almacén vacío encima.</translation>
    </message>
    <message>
        <source>There is no backup of the token vault to restore. Ask your help desk.</source>
        <translation>No hay ninguna copia de seguridad del almacén de tokens para restaurar. Consulte a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>The system keystore holds no key for this token vault: the keyring was reset, the vault was copied from another computer, or the vault file was changed. The tokens here cannot be used; ask your help desk.</source>
        <translation>El almacén de claves del sistema no tiene ninguna clave para este almacén de tokens: se restableció el llavero, el almacén se copió de otro equipo o se modificó su archivo. Los tokens de aquí no se pueden usar; consulte a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>softtoken's key in the system keystore is damaged. Ask your help desk.</source>
        <translation>La clave de softtoken en el almacén de claves del sistema está dañada. Consulte a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>The key of token '{name}' in the system keystore is damaged. Replace the token.</source>
        <translation>La clave del token «{name}» en el almacén de claves del sistema está dañada. Reemplace el token.</translation>
    </message>
    <message>
        <source>The token vault {path} was written by a newer softtoken (format {version}). Update softtoken on this workstation.</source>
        <translation>El almacén de tokens {path} lo escribió una versión más nueva de softtoken (formato {version}). Actualice softtoken en este equipo.</translation>
    </message>
    <message>
        <source>The token vault {path} is damaged or was changed outside softtoken, so it cannot be trusted. A backup of the previous version is available. Ask your help desk before doing anything else.</source>
        <translation>El almacén de tokens {path} está dañado o se modificó fuera de softtoken, así que no es de fiar. Hay disponible una copia de seguridad de la versión anterior. Consulte a su servicio de asistencia antes de hacer nada más.</translation>
    </message>
    <message>
        <source>The token vault {path} is damaged or was changed outside softtoken, so it cannot be trusted. Ask your help desk before doing anything else.</source>
        <translation>El almacén de tokens {path} está dañado o se modificó fuera de softtoken, así que no es de fiar. Consulte a su servicio de asistencia antes de hacer nada más.</translation>
    </message>
    <message>
        <source>The token vault {path} has format version {version}, which this softtoken does not know. Update softtoken.</source>
        <translation>El almacén de tokens {path} tiene la versión de formato {version}, que esta versión de softtoken no conoce. Actualice softtoken.</translation>
    </message>
    <message>
        <source>There is no token on this workstation yet. Activate one first.</source>
        <translation>Todavía no hay ningún token en este equipo. Active uno primero.</translation>
    </message>
    <message>
        <source>Token '{name}' on this workstation already has serial {serial}; this activation was used before. Ask the issuer for a new activation.</source>
        <translation>El token «{name}» de este equipo ya tiene el número de serie {serial}; esta activación ya se usó. Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>This activation repeats the seed of token '{name}', which you are replacing; a replacement must have a new seed. Ask the issuer for a new activation.</source>
        <translation>Esta activación repite la semilla del token «{name}», que está reemplazando; un reemplazo debe tener una semilla nueva. Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>This activation repeats the seed of a token replaced or removed on this workstation before. Ask the issuer for a new activation.</source>
        <translation>Esta activación repite la semilla de un token reemplazado o eliminado antes en este equipo. Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>This activation repeats a seed already used on this workstation. Ask the issuer for a new activation.</source>
        <translation>Esta activación repite una semilla ya usada en este equipo. Pida una nueva activación al emisor.</translation>
    </message>
    <message>
        <source>Say which token to use; this workstation has: {names}.</source>
        <translation>Indique qué token usar; este equipo tiene: {names}.</translation>
    </message>
    <message>
        <source>There is no token named '{name}' here. Tokens: {names}.</source>
        <translation>No hay ningún token llamado «{name}» aquí. Tokens: {names}.</translation>
    </message>
    <message>
        <source>There is no token vault on this workstation yet.</source>
        <translation>Todavía no hay ningún almacén de tokens en este equipo.</translation>
    </message>
    <message>
        <source>The token vault was changed by another softtoken window or command. Nothing was overwritten; look again and retry.</source>
        <translation>Otra ventana u orden de softtoken cambió el almacén de tokens. No se sobrescribió nada; vuelva a mirar y reintente.</translation>
    </message>
    <message>
        <source>This computer has a TPM security chip, but your account may not use it ({device}); ask your IT department to add you to the 'tss' group, then log out and in again.</source>
        <translation>Este equipo tiene un chip de seguridad TPM, pero su cuenta no puede usarlo ({device}); pida a su departamento de informática que le añada al grupo 'tss' y luego cierre la sesión y vuelva a entrar.</translation>
    </message>
    <message>
        <source>The TPM security chip set in {source} ({tcti}) does not answer; check the setting or ask your IT department.</source>
        <translation>El chip de seguridad TPM indicado en {source} ({tcti}) no responde; revise la configuración o consulte a su departamento de informática.</translation>
    </message>
    <message>
        <source>The admin policy keeps tokens in the computer's TPM security chip, and it cannot be used here: {problem}</source>
        <translation>La política del administrador guarda los tokens en el chip de seguridad TPM del equipo, y aquí no se puede usar: {problem}</translation>
    </message>
    <message>
        <source>Macs have no TPM security chip, so softtoken protects tokens with the PIN and the keychain.</source>
        <translation>Los Mac no tienen chip de seguridad TPM, así que softtoken protege los tokens con el PIN y el llavero.</translation>
    </message>
    <message>
        <source>softtoken finds no TPM 2.0 security chip on this computer ({device} is missing); ask your IT department whether it has one and whether it is turned on.</source>
        <translation>softtoken no encuentra ningún chip de seguridad TPM 2.0 en este equipo (falta {device}); pregunte a su departamento de informática si lo tiene y si está activado.</translation>
    </message>
    <message>
        <source>This softtoken was installed without TPM support (the tpm2-pytss library); ask your IT department to install softtoken with its 'tpm' extra.</source>
        <translation>Este softtoken se instaló sin soporte de TPM (la biblioteca tpm2-pytss); pida a su departamento de informática que instale softtoken con su extra 'tpm'.</translation>
    </message>
    <message>
        <source>The computer's TPM security chip reported a problem (code {code}); try again, and if it happens again tell your help desk.</source>
        <translation>El chip de seguridad TPM del equipo informó de un problema (código {code}); inténtelo de nuevo y, si vuelve a ocurrir, avise a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>The computer's security chip is pausing PIN checks after repeated wrong PINs, until your IT department resets it; ask them.</source>
        <translation>El chip de seguridad del equipo ha pausado la comprobación del PIN tras varios PIN incorrectos, hasta que su departamento de informática lo restablezca; consúltelo con ellos.</translation>
    </message>
    <message>
        <source>The computer's security chip is pausing PIN checks after repeated wrong PINs; try again in about a minute.</source>
        <translation>El chip de seguridad del equipo ha pausado la comprobación del PIN tras varios PIN incorrectos; vuelva a intentarlo dentro de un minuto aproximadamente.</translation>
    </message>
    <message>
        <source>The computer's security chip is pausing PIN checks after repeated wrong PINs; try again in about {minutes} minutes.</source>
        <translation>El chip de seguridad del equipo ha pausado la comprobación del PIN tras varios PIN incorrectos; vuelva a intentarlo dentro de unos {minutes} minutos.</translation>
    </message>
    <message>
        <source>The admin policy keeps tokens in software (protection = "software"), so token '{name}' stays there; ask your administrator.</source>
        <translation>La política del administrador guarda los tokens en software (protection = "software"), así que el token '{name}' se queda ahí; consulte a su administrador.</translation>
    </message>
    <message>
        <source>This computer's TPM security chip cannot compute {algorithm} passcodes, so token '{name}' stays in software.</source>
        <translation>El chip de seguridad TPM de este equipo no puede calcular códigos {algorithm}, así que el token '{name}' se queda en software.</translation>
    </message>
    <message>
        <source>This computer's TPM security chip cannot compute {algorithm} passcodes; ask the issuer for a SHA1 or SHA256 token.</source>
        <translation>El chip de seguridad TPM de este equipo no puede calcular códigos {algorithm}; pida al emisor un token SHA1 o SHA256.</translation>
    </message>
    <message>
        <source>Token '{name}' is kept in another computer's TPM security chip, or this computer's chip was reset, so it cannot be used here; replace the token.</source>
        <translation>El token '{name}' está guardado en el chip de seguridad TPM de otro equipo, o el chip de este equipo se restableció, así que aquí no se puede usar; sustituya el token.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Buscar en:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Ficheros de &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>ContainerFlow</name>
    <message>
        <source>Token removed</source>
        <translation>Token eliminado</translation>
    </message>
    <message>
        <source>Checking for new tokens failed: {error}</source>
        <translation>No se pudo comprobar si hay tokens nuevos: {error}</translation>
    </message>
    <message>
        <source>Your help desk removed these tokens from this workstation; they no longer work here:
{tokens}</source>
        <translation>Su servicio de asistencia ha eliminado estos tokens de este equipo; ya no funcionan aquí:
{tokens}</translation>
    </message>
    <message>
        <source>'{name}' (serial {serial})</source>
        <translation>«{name}» (número de serie {serial})</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register this workstation</source>
        <translation>Registrar este equipo</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Emisor</translation>
    </message>
    <message>
        <source>Issuer address</source>
        <translation>Dirección del emisor</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Contenedor</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Emisor:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Dirección:</translation>
    </message>
    <message>
        <source>Container:</source>
        <translation>Contenedor:</translation>
    </message>
    <message>
        <source>Once registered, new and replacement tokens from your help desk arrive on this workstation by themselves. Register only if your help desk sent you this link and the issuer and address above are theirs.</source>
        <translation>Una vez registrado, los tokens nuevos y de reemplazo de su servicio de asistencia llegan solos a este equipo. Regístrelo solo si su servicio de asistencia le envió este enlace y el emisor y la dirección de arriba son los suyos.</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <source>Registering</source>
        <translation>Registrando</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Registrar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Frase de contraseña:</translation>
    </message>
    <message>
        <source>Register this workstation with {issuer}?</source>
        <translation>¿Registrar este equipo con {issuer}?</translation>
    </message>
    <message>
        <source>This workstation is registered with {issuer}.</source>
        <translation>Este equipo está registrado con {issuer}.</translation>
    </message>
    <message>
        <source>New and replacement tokens from your help desk will now appear here by themselves: softtoken asks the issuer when it starts and every {minutes} minutes while it runs.</source>
        <translation>Los tokens nuevos y de reemplazo de su servicio de asistencia aparecerán aquí solos: softtoken consulta al emisor al iniciarse y cada {minutes} minutos mientras está abierto.</translation>
    </message>
</context>
<context>
    <name>DeliveryWizard</name>
    <message>
        <source>A new token arrived</source>
        <translation>Ha llegado un token nuevo</translation>
    </message>
    <message>
        <source>Name your new token</source>
        <translation>Ponga nombre a su token nuevo</translation>
    </message>
    <message>
        <source>{issuer} sent a new token to this workstation. Name it and set its PIN to use it.</source>
        <translation>{issuer} ha enviado un token nuevo a este equipo. Póngale nombre y elija su PIN para usarlo.</translation>
    </message>
    <message>
        <source>{issuer} sent a replacement for your token '{name}' to this workstation. Name it and set its PIN; the old token stops working here once the new one is set up.</source>
        <translation>{issuer} ha enviado a este equipo un reemplazo de su token «{name}». Póngale nombre y elija su PIN; el token anterior deja de funcionar aquí en cuanto el nuevo esté configurado.</translation>
    </message>
    <message>
        <source>The old token '{name}' was removed from this workstation: the new one replaces it.</source>
        <translation>El token anterior «{name}» se ha eliminado de este equipo: el nuevo lo reemplaza.</translation>
    </message>
</context>
<context>
    <name>ReplacementWizard</name>
    <message>
        <source>Register the new workstation</source>
        <translation>Registre el equipo nuevo</translation>
    </message>
    <message>
        <source>Your tokens move to the new workstation with new secrets.</source>
        <translation>Sus tokens pasan al equipo nuevo con secretos nuevos.</translation>
    </message>
    <message>
        <source>Registration QR code</source>
        <translation>Código QR de registro</translation>
    </message>
    <message>
        <source>Registration link</source>
        <translation>Enlace de registro</translation>
    </message>
    <message>
        <source>&amp;Copy link</source>
        <translation>&amp;Copiar enlace</translation>
    </message>
    <message>
        <source>The new workstation has my tokens</source>
        <translation>El equipo nuevo ya tiene mis tokens</translation>
    </message>
    <message>
        <source>Check this once softtoken on the new workstation shows your tokens. Then they are removed from this one.</source>
        <translation>Márquelo cuando softtoken muestre sus tokens en el equipo nuevo. Entonces se eliminan de este.</translation>
    </message>
    <message>
        <source>Asking the issuer</source>
        <translation>Consultando al emisor</translation>
    </message>
    <message>
        <source>Finish the move</source>
        <translation>Terminar el cambio</translation>
    </message>
    <message>
        <source>Remove the tokens your issuer delivered from this workstation now? Do this only once the new workstation shows them. This cannot be undone.</source>
        <translation>¿Eliminar ahora de este equipo los tokens que le entregó su emisor? Hágalo solo cuando el equipo nuevo los muestre. No se puede deshacer.</translation>
    </message>
    <message>
        <source>The delivered tokens moved</source>
        <translation>Los tokens entregados se han cambiado de equipo</translation>
    </message>
    <message>
        <source>Remove them here</source>
        <translation>Eliminarlos aquí</translation>
    </message>
    <message>
        <source>The tokens your issuer delivered to this workstation now work on the new workstation, and no longer on this one. This workstation is no longer registered with the issuer.</source>
        <translation>Los tokens que su emisor entregó a este equipo funcionan ahora en el equipo nuevo y ya no en este. Este equipo ya no está registrado con el emisor.</translation>
    </message>
    <message>
        <source>Not moved: {names}. You activated these by hand on this workstation, so they still work here only. Ask your issuer for a new activation on the new workstation, then remove them here with Replace token, reason Moving to a new workstation.</source>
        <translation>No se cambiaron: {names}. Los activó a mano en este equipo, así que siguen funcionando solo aquí. Pida a su emisor una nueva activación en el equipo nuevo y después elimínelos aquí con Reemplazar token, motivo Me cambio a otro equipo.</translation>
    </message>
    <message>
        <source>The token came from your registration with {issuer}, so this workstation is no longer registered and receives no more tokens.</source>
        <translation>El token venía de su registro con {issuer}, así que este equipo ya no está registrado y no recibirá más tokens.</translation>
    </message>
    <message>
        <source>On the new workstation, open softtoken and choose Scan QR code on screen, or paste the link below. It registers with {issuer} and receives your tokens at once.</source>
        <translation>En el equipo nuevo, abra softtoken y elija Escanear código QR en pantalla, o pegue el enlace de abajo. Se registra con {issuer} y recibe sus tokens al momento.</translation>
    </message>
    <message>
        <source>Your issuer lets your tokens move by themselves: this workstation shows a registration code for the new one, which then receives your tokens. After that they no longer work here.</source>
        <translation>Su emisor permite que sus tokens se cambien de equipo solos: este equipo muestra un código de registro para el nuevo, que entonces recibe sus tokens. Después ya no funcionan aquí.</translation>
    </message>
</context>
<context>
    <name>ActivationWizard</name>
    <message>
        <source>This is a workstation registration from {issuer}, not a token: confirm it in the window that opens. Your tokens then arrive by themselves.</source>
        <translation>Esto es un registro del equipo de {issuer}, no un token: confírmelo en la ventana que se abre. Después sus tokens llegan solos.</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>This is a workstation registration link, not a token. Give it where softtoken registers the workstation (softtoken-cli register, or paste it in the app's activation box); the tokens then arrive by themselves.</source>
        <translation>Esto es un enlace de registro del equipo, no un token. Úselo donde softtoken registra el equipo (softtoken-cli register, o péguelo en el cuadro de activación de la aplicación); después los tokens llegan solos.</translation>
    </message>
    <message>
        <source>The workstation registration link is broken ({problem}). Copy the whole link from the help desk's message again, or ask the help desk for a new one.</source>
        <translation>El enlace de registro del equipo está dañado ({problem}). Vuelva a copiar el enlace completo del mensaje del servicio de asistencia, o pídale uno nuevo.</translation>
    </message>
    <message>
        <source>The workstation registration link is far too long to be one. Copy only the link that starts with pia://container/.</source>
        <translation>El enlace de registro del equipo es demasiado largo para serlo. Copie solo el enlace que empieza por pia://container/.</translation>
    </message>
    <message>
        <source>This is not a workstation registration link (it does not start with pia://container/). Copy the whole link from the help desk's message.</source>
        <translation>Esto no es un enlace de registro del equipo (no empieza por pia://container/). Copie el enlace completo del mensaje del servicio de asistencia.</translation>
    </message>
    <message>
        <source>This pia:// link is not a workstation registration (pia://container/…). Ask the help desk for a workstation registration link.</source>
        <translation>Este enlace pia:// no es un registro del equipo (pia://container/…). Pida al servicio de asistencia un enlace de registro del equipo.</translation>
    </message>
    <message>
        <source>The registration link asks for a key ({key}, {hash}) softtoken does not support. Ask the help desk to check the issuer's container settings.</source>
        <translation>El enlace de registro pide una clave ({key}, {hash}) que softtoken no admite. Pida al servicio de asistencia que revise la configuración de contenedores del emisor.</translation>
    </message>
    <message>
        <source>{path} already exists and is not overwritten; choose another name.</source>
        <translation>{path} ya existe y no se sobrescribe; elija otro nombre.</translation>
    </message>
    <message>
        <source>{path} cannot be created ({problem}); choose another folder.</source>
        <translation>No se puede crear {path} ({problem}); elija otra carpeta.</translation>
    </message>
    <message>
        <source>{path} could not be written (is the disk full?); nothing was saved.</source>
        <translation>No se pudo escribir {path} (¿está lleno el disco?); no se guardó nada.</translation>
    </message>
    <message>
        <source>The issuer {url} sent a synchronization reply that does not decrypt or is garbled; it may have been changed on the way, so nothing was changed. If this goes on, call your help desk.</source>
        <translation>El emisor {url} envió una respuesta de sincronización que no se puede descifrar o está dañada; puede que se alterara por el camino, así que no se cambió nada. Si sigue ocurriendo, llame a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>The issuer address {url} is not an http or https address; ask the help desk for a new registration link.</source>
        <translation>La dirección del emisor {url} no es una dirección http ni https; pida al servicio de asistencia un enlace de registro nuevo.</translation>
    </message>
    <message>
        <source>The issuer {url} uses plain http, which softtoken accepts only on this computer itself; ask the help desk for a registration link with an https address.</source>
        <translation>El emisor {url} usa http sin cifrar, que softtoken solo acepta en este mismo ordenador; pida al servicio de asistencia un enlace de registro con una dirección https.</translation>
    </message>
    <message>
        <source>The issuer {url} is not one of the issuers your administrator allows ({allowed}); ask the help desk for a registration link from your organisation's issuer.</source>
        <translation>El emisor {url} no es uno de los emisores que permite su administrador ({allowed}); pida al servicio de asistencia un enlace de registro del emisor de su organización.</translation>
    </message>
    <message>
        <source>The registration link asks softtoken not to check the issuer's certificate, which your administrator's policy does not allow; ask the help desk to turn certificate checking on.</source>
        <translation>El enlace de registro pide a softtoken que no compruebe el certificado del emisor, y la política de su administrador no lo permite; pida al servicio de asistencia que active la comprobación de certificados.</translation>
    </message>
    <message>
        <source>The issuer {url} answered with a redirect, which softtoken never follows; ask the help desk to check the issuer address.</source>
        <translation>El emisor {url} respondió con una redirección, y softtoken nunca las sigue; pida al servicio de asistencia que revise la dirección del emisor.</translation>
    </message>
    <message>
        <source>The issuer {url} sent a reply softtoken cannot read; nothing was changed. If this goes on, call your help desk.</source>
        <translation>El emisor {url} envió una respuesta que softtoken no puede leer; no se cambió nada. Si sigue ocurriendo, llame a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>The issuer {url} refused the request ({detail}). Your tokens keep working; if this goes on, call your help desk.</source>
        <translation>El emisor {url} rechazó la solicitud ({detail}). Sus tokens siguen funcionando; si sigue ocurriendo, llame a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>The issuer {url} did not answer in time. Your tokens keep working; softtoken tries again later.</source>
        <translation>El emisor {url} no respondió a tiempo. Sus tokens siguen funcionando; softtoken lo volverá a intentar más tarde.</translation>
    </message>
    <message>
        <source>The issuer {url} cannot be reached ({problem}). Your tokens keep working; check the network, and softtoken tries again later.</source>
        <translation>No se puede contactar con el emisor {url} ({problem}). Sus tokens siguen funcionando; revise la red; softtoken lo volverá a intentar más tarde.</translation>
    </message>
    <message>
        <source>This workstation is not registered with an issuer. Register it with the link from your help desk first.</source>
        <translation>Este equipo no está registrado con ningún emisor. Regístrelo primero con el enlace de su servicio de asistencia.</translation>
    </message>
    <message>
        <source>This registration link expired at {when}. Ask the help desk for a new one.</source>
        <translation>Este enlace de registro caducó el {when}. Pida uno nuevo al servicio de asistencia.</translation>
    </message>
    <message>
        <source>This workstation is already registered with {issuer} (container {serial}). To move to another registration, unregister first.</source>
        <translation>Este equipo ya está registrado con {issuer} (contenedor {serial}). Para cambiar a otro registro, anule antes el registro actual.</translation>
    </message>
    <message>
        <source>This workstation no longer synchronizes with {issuer}, but the issuer was not told ({problem}). Ask your help desk to end the registration of container {serial} (softtoken-helpdesk replace USER --reason lost).</source>
        <translation>Este equipo ya no se sincroniza con {issuer}, pero no se pudo avisar al emisor ({problem}). Pida a su servicio de asistencia que anule el registro del contenedor {serial} (softtoken-helpdesk replace USER --reason lost).</translation>
    </message>
    <message>
        <source>The issuer asks for a passphrase ({prompt}); give it to register this workstation.</source>
        <translation>El emisor pide una frase de contraseña ({prompt}); escríbala para registrar este equipo.</translation>
    </message>
    <message>
        <source>The issuer's policy does not let this workstation move its tokens by itself. Call your help desk to move to a new workstation.</source>
        <translation>La política del emisor no permite que este equipo cambie sus tokens de equipo por sí solo. Llame a su servicio de asistencia para cambiar a un equipo nuevo.</translation>
    </message>
    <message>
        <source>This workstation was registered by another softtoken window meanwhile; nothing was changed.</source>
        <translation>Otra ventana de softtoken registró este equipo mientras tanto; no se cambió nada.</translation>
    </message>
    <message>
        <source>The registration key in the token vault is damaged; ask the help desk for a new registration link.</source>
        <translation>La clave de registro del almacén de tokens está dañada; pida al servicio de asistencia un enlace de registro nuevo.</translation>
    </message>
    <message>
        <source>{where}: '{key}' must be a list of at most {most} issuer addresses in quotes, like ["https://pi.example.org"].</source>
        <translation>{where}: «{key}» debe ser una lista de como mucho {most} direcciones de emisor entre comillas, como ["https://pi.example.org"].</translation>
    </message>
    <message>
        <source>{user}: '{key}' = {value} names an issuer missing from {admin_value} in the admin policy {admin}; a policy file given with --policy may only narrow the list, so remove '{key}' from it or keep to the admin's issuers.</source>
        <translation>{user}: «{key}» = {value} nombra un emisor que no está en {admin_value} de la política del administrador {admin}; un archivo de política dado con --policy solo puede acortar la lista, así que quite «{key}» de él o limítese a los emisores del administrador.</translation>
    </message>
    <message>
        <source>{where}: '{key}' holds {value}, which is not an issuer address like "https://pi.example.org".</source>
        <translation>{where}: «{key}» contiene {value}, que no es una dirección de emisor como "https://pi.example.org".</translation>
    </message>
    <message>
        <source>This workstation's registration changed while it synchronized; nothing was changed. Try again.</source>
        <translation>El registro de este equipo cambió mientras se sincronizaba; no se cambió nada. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>No delivered token waits under serial {serial}. Waiting: {waiting}.</source>
        <translation>Ningún token entregado espera con el número de serie {serial}. En espera: {waiting}.</translation>
    </message>
    <message>
        <source>The registration data in the token vault does not decrypt; ask the help desk for a new registration link.</source>
        <translation>Los datos de registro del almacén de tokens no se pueden descifrar; pida al servicio de asistencia un enlace de registro nuevo.</translation>
    </message>
    <message>
        <source>The system keystore no longer holds the key of this workstation's registration; ask the help desk for a new registration link.</source>
        <translation>El almacén de claves del sistema ya no guarda la clave del registro de este equipo; pida al servicio de asistencia un enlace de registro nuevo.</translation>
    </message>
    <message>
        <source>The key of this workstation's registration in the system keystore is damaged; ask the help desk for a new registration link.</source>
        <translation>La clave del registro de este equipo en el almacén de claves del sistema está dañada; pida al servicio de asistencia un enlace de registro nuevo.</translation>
    </message>
    <message>
        <source>The last synchronization failed.</source>
        <translation>La última sincronización falló.</translation>
    </message>
    <message>
        <source>its parameters are garbled</source>
        <translation>sus parámetros están dañados</translation>
    </message>
    <message>
        <source>a parameter appears twice</source>
        <translation>un parámetro aparece dos veces</translation>
    </message>
    <message>
        <source>the nonce is missing</source>
        <translation>falta el nonce</translation>
    </message>
    <message>
        <source>the time is missing</source>
        <translation>falta la hora</translation>
    </message>
    <message>
        <source>the issuer address is missing</source>
        <translation>falta la dirección del emisor</translation>
    </message>
    <message>
        <source>the time to live is missing</source>
        <translation>falta el tiempo de validez</translation>
    </message>
    <message>
        <source>the nonce is garbled</source>
        <translation>el nonce está dañado</translation>
    </message>
    <message>
        <source>the time is not a date and time</source>
        <translation>la hora no es una fecha y hora</translation>
    </message>
    <message>
        <source>it is not a well-formed link</source>
        <translation>no es un enlace bien formado</translation>
    </message>
    <message>
        <source>the container serial is missing or garbled</source>
        <translation>falta el número de serie del contenedor o está dañado</translation>
    </message>
    <message>
        <source>the time to live is not a number of minutes</source>
        <translation>el tiempo de validez no es un número de minutos</translation>
    </message>
    <message>
        <source>the issuer address is not an http or https address</source>
        <translation>la dirección del emisor no es una dirección http ni https</translation>
    </message>
    <message>
        <source>'ssl_verify' is neither True nor False</source>
        <translation>«ssl_verify» no es ni True ni False</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>no connection</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>its certificate could not be verified</source>
        <translation>no se pudo verificar su certificado</translation>
    </message>
</context>
<context>
    <name>ActivationWizard</name>
    <message>
        <source>This workstation is now registered with {issuer}. Tokens from your help desk open here by themselves while softtoken runs.</source>
        <translation>Este equipo ya está registrado con {issuer}. Los tokens de su servicio de asistencia se abren aquí solos mientras softtoken está abierto.</translation>
    </message>
</context>
<context>
    <name>PinField</name>
    <!-- what a screen reader says of a PIN field instead of its digits (issue 17) -->
    <message>
        <source>{length} digits.</source>
        <translation>{length} dígitos.</translation>
    </message>
    <message>
        <source>{n} of {length} digits.</source>
        <translation>{n} de {length} dígitos.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <!-- a message box's icon, named for screen readers (issue 17) -->
    <message>
        <source>Information</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <!-- issue 16: the styled dialog's error and PIN icons -->
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
</context>
<context>
    <name></name>
    <!-- issue 16: dialogs, states and the PIN dialog (dialogs.py, states.py, protect.py, errors.py) -->
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Move into the chip</source>
        <translation>Mover al chip</translation>
    </message>
    <message>
        <source>Keep it in software</source>
        <translation>Mantenerlo en software</translation>
    </message>
    <message>
        <source>Only your administrator can change softtoken's policy: ask them.</source>
        <translation>Solo su administrador puede cambiar la política de softtoken: pregúntele.</translation>
    </message>
</context>
<context>
    <name>WizardFrame</name>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Step {number} of {count}</source>
        <translation>Paso {number} de {count}</translation>
    </message>
    <message>
        <source>Step {number} of {count}: {step}, done</source>
        <translation>Paso {number} de {count}: {step}, hecho</translation>
    </message>
    <message>
        <source>Step {number} of {count}: {step}, current</source>
        <translation>Paso {number} de {count}: {step}, actual</translation>
    </message>
    <message>
        <source>Step {number} of {count}: {step}</source>
        <translation>Paso {number} de {count}: {step}</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Mover</translation>
    </message>
</context>
<context>
    <name>ActivationWizard</name>
    <message>
        <source>Success</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <source>Next: the next time you e-prescribe, open softtoken and enter your PIN.</source>
        <translation>Siguiente paso: la próxima vez que haga una receta electrónica, abra softtoken e introduzca su PIN.</translation>
    </message>
    <message>
        <source>Next: type the activation code below into the issuer's page.</source>
        <translation>Siguiente paso: escriba el código de activación de abajo en la página del emisor.</translation>
    </message>
</context>
</TS>
